/**
 * The demo organisations and users that `npm start -- --demo` adds: every role, enough experts for any panel,
 * an enterprise with an authorised consultancy, two banks. Ids are fixed so re-running changes nothing.
 */
import type { ExpertProfileData } from '../lambdas/core/experts/profile';
import type { ProductInput } from '../lambdas/core/referrals/banks';
import type { OrganisationInput } from '../lambdas/core/identity/organisations';

export interface DemoOrg extends OrganisationInput {
  id: string;
}

export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  organisationId: string;
}

export const DEMO_ORGS: DemoOrg[] = [
  { id: 'org_gzgxj0001', kind: 'agency', name: '广州市工业和信息化局', regionCode: '440100' },
  { id: 'org_szgxj0001', kind: 'agency', name: '深圳市工业和信息化局', regionCode: '440300' },
  {
    id: 'org_mzdd00001',
    kind: 'enterprise',
    name: '广州明珠电镀有限公司',
    regionCode: '440112400',
    profile: {
      creditCode: '91440112MA59ABCD1B',
      industryCode: 'C3360',
      size: 'medium',
      address: '广州市黄埔区开发大道 100 号',
      legalRepresentative: '陈明',
      contacts: [{ name: '李工', phone: '020-82200001', email: 'li@mzdd.example.cn', title: '环保主管' }],
    },
  },
  {
    id: 'org_bybz00001',
    kind: 'enterprise',
    name: '广州白云印刷包装有限公司',
    regionCode: '440111100',
    profile: {
      creditCode: '91440111MA5CKL7Q2D',
      industryCode: 'C2319',
      size: 'small',
      address: '广州市白云区钟落潭镇工业路 8 号',
      legalRepresentative: '黄伟',
      contacts: [
        { name: '张经理', phone: '020-87400002', email: 'zhang@bybz.example.cn', title: '生产经理' },
      ],
    },
  },
  {
    id: 'org_szjm00001',
    kind: 'enterprise',
    name: '深圳精密五金有限公司',
    regionCode: '440306',
    profile: { creditCode: '91440300MA5FQW2P3P', industryCode: 'C3389', size: 'small' },
  },
  {
    id: 'org_lyzx00001',
    kind: 'consultancy',
    name: '广州绿源清洁生产咨询有限公司',
    regionCode: '440106',
    profile: { creditCode: '91440106MA5D2X8K1K', address: '广州市天河区体育西路 1 号' },
  },
  {
    id: 'org_hzzx00001',
    kind: 'consultancy',
    name: '华智环保咨询有限公司',
    regionCode: '440305',
    profile: { creditCode: '91440300MA5FQW2P4T', address: '深圳市南山区科技园 2 号' },
  },
  { id: 'org_expool001', kind: 'expert', name: '广州市清洁生产专家库', regionCode: '440100' },
  { id: 'org_icbcgz001', kind: 'bank', name: '中国工商银行广州分行', regionCode: '440100' },
  { id: 'org_grcb00001', kind: 'bank', name: '广州农村商业银行', regionCode: '440100' },
];

/** Pairs (enterprise, consultancy) where the enterprise authorised the consultancy. */
export const DEMO_AUTHORISATIONS: [string, string][] = [['org_mzdd00001', 'org_lyzx00001']];

const experts = [
  ['王建国', 'wang'],
  ['刘晓燕', 'liu'],
  ['陈志强', 'chen'],
  ['赵敏', 'zhao'],
  ['黄海涛', 'huang'],
  ['周丽华', 'zhou'],
  ['吴斌', 'wu'],
  ['郑雪梅', 'zheng'],
  ['孙立新', 'sun'],
] as const;

export const DEMO_USERS: DemoUser[] = [
  {
    id: 'usr_gzadmin001',
    username: 'gz.admin',
    displayName: '广州市工信局管理员',
    organisationId: 'org_gzgxj0001',
  },
  {
    id: 'usr_szadmin001',
    username: 'sz.admin',
    displayName: '深圳市工信局管理员',
    organisationId: 'org_szgxj0001',
  },
  { id: 'usr_mzdd00001', username: 'mingzhu', displayName: '明珠电镀 李工', organisationId: 'org_mzdd00001' },
  {
    id: 'usr_bybz00001',
    username: 'baiyun',
    displayName: '白云印刷 张经理',
    organisationId: 'org_bybz00001',
  },
  {
    id: 'usr_szjm00001',
    username: 'jingmi',
    displayName: '精密五金 联系人',
    organisationId: 'org_szjm00001',
  },
  { id: 'usr_lyzx00001', username: 'lvyuan', displayName: '绿源咨询 顾问', organisationId: 'org_lyzx00001' },
  { id: 'usr_hzzx00001', username: 'huazhi', displayName: '华智咨询 顾问', organisationId: 'org_hzzx00001' },
  ...experts.map(([name, handle], i) => ({
    id: `usr_expert00${i + 1}`,
    username: `expert.${handle}`,
    displayName: `${name}（专家）`,
    organisationId: 'org_expool001',
  })),
  {
    id: 'usr_icbcgz001',
    username: 'icbc',
    displayName: '工商银行广州分行 信贷经理',
    organisationId: 'org_icbcgz001',
  },
  {
    id: 'usr_grcb00001',
    username: 'grcb',
    displayName: '广州农商银行 信贷经理',
    organisationId: 'org_grcb00001',
  },
];

/**
 * Expert profiles for the nine demo experts: industries across the demo enterprises' sectors (C33 metal products /
 * electroplating, C23 printing, C26 chemicals, C30 building materials, D44 power, services), four who may lead, and
 * conflicts that exercise every exclusion (回避) — so every panel can still be drawn for 明珠电镀 (C3360, whose
 * consultancy is 绿源) and 白云印刷 (C2319): 陈志强 works for 绿源, 吴斌 for 明珠电镀, 郑雪梅 declared a conflict with
 * 白云印刷, 孙立新 advised it in 2025.
 */
export const DEMO_EXPERT_PROFILES: { userId: string; profile: ExpertProfileData }[] = [
  {
    userId: 'usr_expert001',
    profile: {
      industries: ['C33', 'C34'],
      specialities: ['heavy-metals', 'water', 'energy'],
      region: '440100',
      employerName: '华南理工大学环境与能源学院',
      title: '教授级高级工程师',
      canLead: true,
      status: 'active',
      declaredConflicts: [],
      history: [],
    },
  },
  {
    userId: 'usr_expert002',
    profile: {
      industries: ['C23', 'C22'],
      specialities: ['VOCs', 'energy'],
      region: '440100',
      employerName: '广东省环境科学研究院',
      title: '正高级工程师',
      canLead: true,
      status: 'active',
      declaredConflicts: [],
      history: [],
    },
  },
  {
    userId: 'usr_expert003',
    profile: {
      industries: ['C26', 'C27'],
      specialities: ['VOCs', 'hazardous-waste'],
      region: '440106',
      employerOrgId: 'org_lyzx00001',
      employerName: '广州绿源清洁生产咨询有限公司',
      title: '高级工程师',
      canLead: false,
      status: 'active',
      declaredConflicts: [],
      history: [],
    },
  },
  {
    userId: 'usr_expert004',
    profile: {
      industries: ['C30', 'C31'],
      specialities: ['energy', 'air-pollutant'],
      region: '440100',
      employerName: '广州市建筑材料工业研究所',
      title: '正高级工程师',
      canLead: true,
      status: 'active',
      declaredConflicts: [],
      history: [],
    },
  },
  {
    userId: 'usr_expert005',
    profile: {
      industries: ['D44', 'D45'],
      specialities: ['energy', 'ghg'],
      region: '440100',
      employerName: '广东电网能源发展研究院',
      title: '高级工程师',
      canLead: false,
      status: 'active',
      declaredConflicts: [],
      history: [],
    },
  },
  {
    userId: 'usr_expert006',
    profile: {
      industries: ['H', 'I', 'L', 'M'],
      specialities: ['energy', 'water'],
      region: '440100',
      employerName: '广州大学',
      title: '副教授',
      canLead: false,
      status: 'active',
      declaredConflicts: [],
      history: [],
    },
  },
  {
    userId: 'usr_expert007',
    profile: {
      industries: ['C33', 'C38'],
      specialities: ['heavy-metals', 'solid-waste'],
      region: '440112',
      employerOrgId: 'org_mzdd00001',
      employerName: '广州明珠电镀有限公司',
      title: '高级工程师',
      canLead: false,
      status: 'active',
      declaredConflicts: [],
      history: [],
    },
  },
  {
    userId: 'usr_expert008',
    profile: {
      industries: ['C23', 'C29'],
      specialities: ['VOCs'],
      region: '440111',
      employerName: '广州市环境保护科学研究院',
      title: '高级工程师',
      canLead: false,
      status: 'active',
      declaredConflicts: ['org_bybz00001'],
      history: [],
    },
  },
  {
    userId: 'usr_expert009',
    profile: {
      industries: ['C26', 'C33'],
      specialities: ['water', 'hazardous-waste'],
      region: '440100',
      employerName: '中山大学环境科学与工程学院',
      title: '教授',
      canLead: true,
      status: 'active',
      declaredConflicts: [],
      history: [
        { kind: 'advisory', organisationId: 'org_bybz00001', date: '2025-06-30', note: 'VOCs 治理技术咨询' },
      ],
    },
  },
];

/**
 * Green-credit products of the two demo banks (issue 6), so the green-credit programme matches something: ICBC's
 * province-wide retrofit loan and GRCB's Guangzhou cleaner-production loan. Indicative terms only.
 */
export const DEMO_BANK_PRODUCTS: { bankId: string; productId: string; product: ProductInput }[] = [
  {
    bankId: 'org_icbcgz001',
    productId: 'green-retrofit',
    product: {
      name: '绿色技改贷',
      description: '支持节能降碳、污染治理和清洁生产技术改造项目，按项目现金流和绩效表核定额度。',
      categories: ['energy-saving', 'clean-production', 'pollution-control', 'carbon-reduction'],
      regionCodes: ['440000'],
      minAmount: 50,
      maxAmount: 5000,
      maxTermMonths: 60,
      excludedIndustries: ['B06', 'C25'],
      indicativeRate: 'LPR-20bp',
      active: true,
    },
  },
  {
    bankId: 'org_grcb00001',
    productId: 'cp-loan',
    product: {
      name: '清洁生产贷',
      description: '面向通过清洁生产审核的中小企业，支持中/高费方案实施，可凭审核证书优先审批。',
      categories: ['clean-production', 'energy-saving', 'water-saving', 'circular-economy'],
      regionCodes: ['440100'],
      minAmount: 10,
      maxAmount: 1000,
      maxTermMonths: 36,
      excludedIndustries: ['B', 'C2511'],
      indicativeRate: 'LPR',
      active: true,
    },
  },
];
