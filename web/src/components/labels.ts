import { roleIds } from '../../../contracts/accounts.ts';
import { orgKinds, schoolStages } from '../../../contracts/org.ts';
import type { TextKey } from '../app/i18n.tsx';

type Translate = (key: TextKey) => string;

/** Select options for the enums of the contracts, labelled in the current language. */
export const kindOptions = (t: Translate) =>
  orgKinds.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }));
export const stageOptions = (t: Translate) =>
  schoolStages.map((stage) => ({ value: stage, label: t(`stage.${stage}`) }));
export const ownershipOptions = (t: Translate) =>
  (['public', 'private'] as const).map((value) => ({ value, label: t(`ownership.${value}`) }));
export const roleOptions = (t: Translate) =>
  roleIds.map((role) => ({ value: role, label: t(`role.${role}`) }));
