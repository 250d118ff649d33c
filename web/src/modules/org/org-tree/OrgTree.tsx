import { Spin, Tag, Tree, type TreeDataNode } from 'antd';
import { useEffect, useState } from 'react';
import type { TOrgTreeNode } from '../../../../../contracts/org.ts';
import { useT } from '../../../app/i18n.tsx';
import { fetchTreeLevel } from '../api.ts';

type UnitNode = TreeDataNode & { children?: UnitNode[] };

/** A component, not a string, so the kind label follows a language switch without a reload. */
function UnitTitle({ unit }: { unit: TOrgTreeNode }) {
  const t = useT();
  return (
    <span>
      {/* The name in its own element: tests and screen readers find the unit by its exact name. */}
      <span>{unit.name}</span>
      <Tag variant="filled" style={{ marginInlineStart: 6, fontSize: 11 }}>
        {t(`kind.${unit.kind}`)}
      </Tag>
    </span>
  );
}

function toNode(unit: TOrgTreeNode): UnitNode {
  return { key: String(unit.id), isLeaf: unit.childCount === 0, title: <UnitTitle unit={unit} /> };
}

function withChildren(nodes: UnitNode[], key: string, children: UnitNode[]): UnitNode[] {
  return nodes.map((node) =>
    node.key === key
      ? { ...node, children }
      : node.children
        ? { ...node, children: withChildren(node.children, key, children) }
        : node,
  );
}

/**
 * The org tree as of a date, one level per request: a district has thousands of units, and most
 * users open only the branch they work in. Remount (change `key`) to reload after a change.
 */
export function OrgTree({
  asOf,
  selectedId,
  onSelect,
}: {
  asOf: string;
  selectedId?: number;
  onSelect: (id: number) => void;
}) {
  const [nodes, setNodes] = useState<UnitNode[] | undefined>();

  useEffect(() => {
    let live = true;
    fetchTreeLevel(undefined, asOf)
      .then((tree) => live && setNodes(tree.nodes.map(toNode)))
      .catch(() => live && setNodes([]));
    return () => {
      live = false;
    };
  }, [asOf]);

  const loadData = async (node: UnitNode) => {
    if (node.children) return;
    const level = await fetchTreeLevel(Number(node.key), asOf);
    setNodes((current) => withChildren(current ?? [], String(node.key), level.nodes.map(toNode)));
  };

  if (!nodes) return <Spin />;
  return (
    <div data-testid="org-tree">
      <Tree<UnitNode>
        treeData={nodes}
        loadData={loadData}
        selectedKeys={selectedId ? [String(selectedId)] : []}
        onSelect={(keys) => keys[0] && onSelect(Number(keys[0]))}
        blockNode
      />
    </div>
  );
}
