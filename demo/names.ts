import type { Random } from './random.ts';

/** Word lists of the demo district: people's names, Haidian places, real schools, firms. */

export const pad = (n: number, width: number) => String(n).padStart(width, '0');

// Common surnames, most frequent first; weights fall off with rank.
const SURNAMES = (
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈' +
  '姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
).split('');
const SURNAME_WEIGHTS = SURNAMES.map((s, i) => [s, 1 / (i + 8)] as const);
const MALE =
  '伟强磊军洋勇杰涛明超辉刚鹏浩宇轩博文睿泽俊豪晨阳然翔宁凯鑫航天昊铭子瑞嘉诚一佳思远志建国华'.split('');
const FEMALE = '芳娜敏静丽艳娟霞秀玲燕婷雪琳欣怡雨萱梓涵诗悦彤晴妍可馨语嘉琪颖慧蕾璐丹月佳思一瑶淑兰红'.split(
  '',
);

export function surname(rng: Random): string {
  return rng.weighted(SURNAME_WEIGHTS);
}

export function givenName(rng: Random, gender: 'M' | 'F'): string {
  const chars = gender === 'M' ? MALE : FEMALE;
  return rng.chance(0.75) ? rng.pick(chars) + rng.pick(chars) : rng.pick(chars);
}

/** The 17 zones (学区) and the streets/towns whose addresses they cover. */
export const ZONES: readonly { name: string; streets: readonly string[] }[] = [
  { name: '万寿路', streets: ['万寿路'] },
  { name: '永定路', streets: ['永定路'] },
  { name: '羊坊店', streets: ['羊坊店'] },
  { name: '甘家口', streets: ['甘家口'] },
  { name: '八里庄', streets: ['八里庄'] },
  { name: '紫竹院', streets: ['紫竹院'] },
  { name: '北下关', streets: ['北下关'] },
  { name: '北太平庄', streets: ['北太平庄'] },
  { name: '学院路', streets: ['学院路'] },
  { name: '中关村', streets: ['中关村'] },
  { name: '海淀', streets: ['海淀', '万柳', '燕园'] },
  { name: '青龙桥', streets: ['青龙桥', '香山', '清华园'] },
  { name: '清河', streets: ['清河'] },
  { name: '花园路', streets: ['花园路'] },
  { name: '西三旗', streets: ['西三旗', '东升'] },
  { name: '四季青', streets: ['四季青', '田村路', '曙光'] },
  { name: '上地', streets: ['上地', '马连洼', '西北旺', '苏家坨', '温泉', '上庄'] },
];

/** Neighbourhood words: for generated school names, 小区 and community sites. */
export const PLACES = (
  '玉泉 五路居 彩和坊 双榆树 翠微 定慧寺 万泉 六郎庄 蓟门里 北洼路 车道沟 厂洼 魏公村 小营 二里庄 志新 ' +
  '明光 文慧园 航天桥 马甸 牡丹园 塔院 北医 五道口 成府路 清华东路 林大 育新 安宁庄 毛纺路 朱房 小营西路 ' +
  '后八家 树村 圆明园 颐和园 巴沟 蓝靛厂 世纪城 远大路 西钓鱼台 阜成路 增光路 紫竹桥 北蜂窝 太平路 复兴路 ' +
  '西翠路 永丰 屯佃 稻香湖 冷泉 西山 百望 韩家川 唐家岭 永泰 清上园 知春里 苏州街 海淀南路 四道口 交大东路'
).split(' ');

export const ROADS = '路 街 大街 南路 北路 东路 西路 胡同'.split(' ');
export const ESTATE_SUFFIX = '小区 家园 花园 公寓 里 新村 嘉园 社区'.split(' ');

/** Real Haidian school names, their zone (index into ZONES), stage and ownership. */
export const REAL_SCHOOLS: readonly [string, number, string][] = [
  ['中国人民大学附属中学', 9, 'complete'],
  ['北京市十一学校', 1, 'twelveYear'],
  ['北京市育英学校', 0, 'twelveYear'],
  ['清华大学附属中学', 11, 'complete'],
  ['北京大学附属中学', 10, 'complete'],
  ['首都师范大学第二附属中学曙光校区', 15, 'complete'],
  ['北京航空航天大学实验学校', 8, 'nineYear'],
  ['北京市第二十中学永泰校区', 14, 'complete'],
  ['北京市第十九中学', 0, 'complete'],
  ['北京市第五十七中学', 2, 'complete'],
  ['中国地质大学附属中学', 8, 'complete'],
  ['首都师范大学附属中学', 7, 'complete'],
  ['北京一零一中学', 11, 'complete'],
  ['北京市八一学校', 10, 'twelveYear'],
  ['海淀区杨家庄小学', 15, 'primary'],
  ['海淀区定慧里小学', 4, 'primary'],
  ['中国农业科学院附属小学', 6, 'primary'],
  ['海淀区太平路小学', 1, 'primary'],
  ['海淀区翠微小学', 0, 'primary'],
  ['海淀区中关村第一小学', 9, 'primary'],
  ['海淀区中关村第二小学', 9, 'primary'],
  ['海淀区中关村第三小学', 9, 'primary'],
  ['海淀区中关村第四小学', 9, 'primary'],
  ['北京市海淀区实验小学', 0, 'primary'],
  ['北京市第一实验小学', 5, 'primary'],
  ['海淀区羊坊店中心小学', 2, 'primary'],
  ['海淀区双榆树中心小学', 9, 'primary'],
  ['海淀区万泉小学', 10, 'primary'],
  ['北京教育学院附属实验学校', 5, 'nineYear'],
  ['海淀区上地实验学校', 16, 'nineYear'],
  ['海淀区培智中心学校', 7, 'special'],
  ['北京市商业学校', 13, 'vocational'],
];

export const DEPARTMENTS = [
  ['基础教育科', '基教科'],
  ['教育督导室', '督导室'],
  ['信访办公室', '信访办'],
  ['民办教育管理科', '民教科'],
  ['财务科', '财务科'],
  ['安全稳定科', '安全科'],
  ['人事科', '人事科'],
  ['特殊教育中心', '特教中心'],
  ['德育科', '德育科'],
  ['学前教育科', '学前科'],
  ['职业与成人教育科', '职成教科'],
  ['考试中心', '考试中心'],
  ['教育信息中心', '信息中心'],
] as const;

export const BRANDS = (
  '启明 博雅 蓝天 阳光 春苗 英才 星辰 远航 知行 明德 育才 智慧 彩虹 童趣 新芽 晨曦 树人 致远 睿思 乐学 ' +
  '华夏 京师 燕京 长城 朝阳 金色 七彩 青藤 橡树 百合'
).split(' ');
export const TRAINING_TYPES = [
  '艺术',
  '体育',
  '科技',
  '音乐',
  '美术',
  '舞蹈',
  '围棋',
  '书法',
  '编程',
  '机器人',
];
export const FOOD_SUPPLIERS = ['农产品配送', '食品', '粮油', '肉类', '蔬菜配送', '乳业', '餐饮管理'];
export const EQUIPMENT_SUPPLIERS = ['教学设备', '实验器材', '体育器材', '信息技术', '课桌椅', '图书'];
