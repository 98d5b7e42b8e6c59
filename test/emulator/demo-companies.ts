/**
 * The companies that the demo CRM pages, the site-adapter fixtures and the end-to-end tests show.
 * The emulator's demo seed contains every one of them (except those marked notInRecotap) with
 * these exact values, so a fixture page and the emulator always agree on which account is right.
 */
export interface DemoCompany {
  key: string;
  name: string;
  domain: string;
  linkedinSlug?: string;
  /** 0 with stage '' means "not scored yet" */
  score: number;
  stage: '' | 'Unaware' | 'Aware' | 'Consideration' | 'Opportunity' | 'Customer';
  intent: { linkedin: number; website: number; g2: number; bombora: number };
  /** present in the emulator? (false: used to test "Add to Recotap") */
  notInRecotap?: boolean;
  /** an extra Recotap row with the same domain (the API can hold duplicates) */
  duplicate?: boolean;
  customFields?: Record<string, string | number | string[] | null>;
  segments?: string[];
  /** a contact shown on CRM contact pages and in Gmail threads */
  contact: { name: string; email: string; title: string };
}

export const DEMO_COMPANIES: readonly DemoCompany[] = [
  {
    key: 'acme', name: 'Acme Robotics', domain: 'acmerobotics.com', linkedinSlug: 'acme-robotics',
    score: 87, stage: 'Opportunity', intent: { linkedin: 62, website: 71, g2: 40, bombora: 55 },
    customFields: { TIER_C: 'Gold', ARR_C: 120000, RENEWAL_DATE_C: '2027-03-31' }, segments: ['EMEA Fintech Targets'],
    contact: { name: 'Dana Whitfield', email: 'dana.whitfield@acmerobotics.com', title: 'VP Operations' },
  },
  {
    key: 'globex', name: 'Globex Analytics', domain: 'globex-analytics.io', linkedinSlug: 'globex-analytics',
    score: 64, stage: 'Consideration', intent: { linkedin: 38, website: 44, g2: 12, bombora: 20 },
    customFields: { TIER_C: 'Silver' }, segments: ['Q4 Expansion'],
    contact: { name: 'Priya Raman', email: 'priya.raman@globex-analytics.io', title: 'Head of Data' },
  },
  {
    key: 'initech', name: 'Initech Systems', domain: 'initech.dev', linkedinSlug: 'initech-systems',
    score: 41, stage: 'Aware', intent: { linkedin: 20, website: 25, g2: 0, bombora: 9 },
    contact: { name: 'Bill Lumbergh', email: 'bill.lumbergh@initech.dev', title: 'Director of Engineering' },
  },
  {
    key: 'northwind', name: 'Northwind Traders', domain: 'northwind.io', linkedinSlug: 'northwind-traders',
    score: 93, stage: 'Customer', intent: { linkedin: 70, website: 82, g2: 51, bombora: 64 },
    customFields: { TIER_C: 'Platinum', ARR_C: 410000 }, segments: ['EMEA Fintech Targets', 'Q4 Expansion'],
    contact: { name: 'Laura Callahan', email: 'laura.callahan@northwind.io', title: 'CFO' },
  },
  {
    key: 'umbrella', name: 'Umbrella Health', domain: 'umbrellahealth.com', linkedinSlug: 'umbrella-health',
    score: 72, stage: 'Consideration', intent: { linkedin: 48, website: 60, g2: 33, bombora: 0 },
    contact: { name: 'Albert Wesker', email: 'a.wesker@umbrellahealth.com', title: 'Chief Procurement Officer' },
  },
  {
    key: 'contoso', name: 'Contoso Pharma', domain: 'contoso-pharma.com', linkedinSlug: 'contoso-pharma',
    score: 28, stage: 'Unaware', intent: { linkedin: 10, website: 14, g2: 0, bombora: 4 },
    contact: { name: 'Megan Bowen', email: 'megan.bowen@contoso-pharma.com', title: 'IT Manager' },
  },
  {
    key: 'fabrikam', name: 'Fabrikam Logistics', domain: 'fabrikam.co.uk', linkedinSlug: 'fabrikam-logistics',
    score: 55, stage: 'Aware', intent: { linkedin: 30, website: 35, g2: 8, bombora: 12 },
    customFields: { TIER_C: 'Silver' },
    contact: { name: 'Oliver Grant', email: 'oliver.grant@fabrikam.co.uk', title: 'Head of Supply Chain' },
  },
  {
    key: 'wayne', name: 'Wayne Aerospace', domain: 'wayneaero.com', linkedinSlug: 'wayne-aerospace',
    score: 78, stage: 'Opportunity', intent: { linkedin: 55, website: 66, g2: 21, bombora: 47 },
    contact: { name: 'Lucius Fox', email: 'lucius.fox@wayneaero.com', title: 'CTO' },
  },
  {
    key: 'stark', name: 'Stark Fintech', domain: 'starkfintech.com', linkedinSlug: 'stark-fintech',
    score: 66, stage: 'Consideration', intent: { linkedin: 41, website: 50, g2: 18, bombora: 22 },
    contact: { name: 'Pepper Potts', email: 'pepper.potts@starkfintech.com', title: 'COO' },
  },
  {
    key: 'vandelay', name: 'Vandelay Imports', domain: 'vandelay.io', linkedinSlug: 'vandelay-imports',
    score: 0, stage: '', intent: { linkedin: 0, website: 0, g2: 0, bombora: 0 },
    contact: { name: 'Art Vandelay', email: 'art@vandelay.io', title: 'Founder' },
  },
  {
    key: 'soylent', name: 'Soylent Foods', domain: 'soylentfoods.com', linkedinSlug: 'soylent-foods',
    score: 47, stage: 'Aware', intent: { linkedin: 22, website: 30, g2: 5, bombora: 10 }, duplicate: true,
    contact: { name: 'Sol Roth', email: 'sol.roth@soylentfoods.com', title: 'Purchasing Lead' },
  },
  {
    key: 'shopify-store', name: 'Acme Outdoor Store', domain: 'acme-outdoor.myshopify.com',
    score: 35, stage: 'Aware', intent: { linkedin: 5, website: 30, g2: 0, bombora: 0 },
    contact: { name: 'Kim Lee', email: 'kim@acme-outdoor.com', title: 'Owner' },
  },
  {
    key: 'hooli', name: 'Hooli XYZ', domain: 'hooli.xyz', linkedinSlug: 'hooli', notInRecotap: true,
    score: 0, stage: '', intent: { linkedin: 0, website: 0, g2: 0, bombora: 0 },
    contact: { name: 'Gavin Belson', email: 'gavin@hooli.xyz', title: 'CEO' },
  },
];

/** The demo API key the emulator accepts by default (never a real key). */
export const DEMO_API_KEY = 'rtp_demo_4f7c2a9e1b6d3c8a5e0f7b2d9c4a6e1f3b8d5c7a9e2f4b6d8c0a1e3f5b7d9c2';

/** The rep in the demo: their own company's domain must be ignored in Gmail threads. */
export const DEMO_REP = { name: 'Sam Seller', email: 'sam.seller@lens-demo-vendor.com' };
