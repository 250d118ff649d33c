/** Chinese labels for exports (the web has its own zh/en dictionary). */
const kinds: Record<string, string> = {
  district: '区教委',
  department: '科室',
  zone: '学区',
  school: '学校',
  kindergarten: '幼儿园',
  communitySite: '社区办园点',
  trainingInstitution: '校外培训机构',
  supplier: '供应商',
};
const stages: Record<string, string> = {
  primary: '小学',
  junior: '初中',
  senior: '高中',
  nineYear: '九年一贯',
  complete: '完全中学',
  twelveYear: '十二年一贯',
  vocational: '职业',
  special: '特教',
  preschool: '学前',
};

export const kindLabel = (kind: string) => kinds[kind] ?? kind;
export const stageLabel = (stage: string | null) => (stage ? (stages[stage] ?? stage) : '');
export const ownershipLabel = (o: string | null) => (o === 'public' ? '公办' : o === 'private' ? '民办' : '');
