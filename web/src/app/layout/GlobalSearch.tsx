import { ApartmentOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Empty, Input, List, Modal, Spin, Typography } from 'antd';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { TSearchItem } from '../../../../contracts/search.ts';
import { useSearch } from '../../modules/search/api.ts';
import { useT } from '../i18n.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Waits until typing pauses, so that a query is sent per word rather than per keystroke. */
function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The header's search box: Ctrl-K / ⌘K opens it; ↑ ↓ choose, Enter or a click opens the result. */
export function GlobalSearch() {
  const t = useT();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const q = useDebounced(text, 250);
  const search = useSearch(open ? q : '');
  const items = q.trim() ? (search.data?.items ?? []) : [];

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const choose = (item: TSearchItem | undefined) => {
    if (!item) return;
    setOpen(false);
    setText('');
    navigate(item.url);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, items.length - 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter') choose(items[active]);
    else return;
    event.preventDefault();
  };

  return (
    <>
      <Button icon={<SearchOutlined />} onClick={() => setOpen(true)} data-testid="global-search">
        {t('search.button')} <Typography.Text type="secondary">{isMac ? '⌘K' : 'Ctrl K'}</Typography.Text>
      </Button>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        closable={false}
        destroyOnHidden
        title={null}
        width={560}
      >
        <Input
          autoFocus
          size="large"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('search.placeholder')}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          maxLength={100}
          data-testid="global-search-input"
        />
        <div style={{ marginTop: 12, maxHeight: 420, overflowY: 'auto' }}>
          {search.isFetching && items.length === 0 ? (
            <Spin style={{ display: 'block', margin: 24 }} />
          ) : q.trim() && items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('search.empty')} />
          ) : (
            <List
              dataSource={items}
              renderItem={(item, index) => (
                <List.Item
                  onClick={() => choose(item)}
                  onMouseEnter={() => setActive(index)}
                  data-testid="global-search-result"
                  style={{
                    cursor: 'pointer',
                    padding: '8px 12px',
                    borderRadius: 6,
                    background: index === active ? '#e6f4ff' : undefined,
                  }}
                >
                  <List.Item.Meta
                    avatar={item.entityType === 'person' ? <UserOutlined /> : <ApartmentOutlined />}
                    title={item.title}
                    description={item.subtitle}
                  />
                </List.Item>
              )}
            />
          )}
        </div>
      </Modal>
    </>
  );
}
