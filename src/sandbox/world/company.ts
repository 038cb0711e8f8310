/**
 * The fixed vocabulary of the synthetic company: defaults, departments with their titles, and the outside world's
 * domains. Only reserved TLDs (`.example`, `.test`) are used, so no generated address can reach a real mailbox.
 */
import type { AppName } from "./types.ts";

export const DEFAULT_AS_OF = "2026-11-01T00:00:00.000Z";
export const DEFAULT_DOMAINS: readonly string[] = ["northwind.example", "northwind-labs.example"];
export const DEFAULT_THRESHOLDS = { staleDays: 90, inviteDays: 30 } as const;
/** Founding day of the company: nobody started before it. */
export const FOUNDED_AT = "2011-03-01T00:00:00.000Z";

export interface Department {
  name: string;
  /** Relative headcount. */
  weight: number;
  head: string;
  lead: string;
  titles: readonly string[];
}

/** The CEO sits in Executive; every other department gets a head reporting to the CEO. */
export const DEPARTMENTS: readonly Department[] = [
  {
    name: "Executive",
    weight: 0.4,
    head: "Chief Operating Officer",
    lead: "Chief of Staff",
    titles: ["Executive Assistant", "Chief of Staff", "Executive Business Partner"],
  },
  {
    name: "Engineering",
    weight: 22,
    head: "VP, Engineering",
    lead: "Engineering Manager",
    titles: [
      "Software Engineer",
      "Senior Software Engineer",
      "Staff Engineer",
      "Frontend Engineer",
      "Backend Engineer",
      "QA Engineer",
      "Site Reliability Engineer",
    ],
  },
  {
    name: "Product",
    weight: 5,
    head: "VP, Product",
    lead: "Group Product Manager",
    titles: [
      "Product Manager",
      "Senior Product Manager",
      "Product Operations Specialist",
      "Technical Writer",
    ],
  },
  {
    name: "Design",
    weight: 4,
    head: "Head of Design",
    lead: "Design Manager",
    titles: ["Product Designer", "Senior Product Designer", "UX Researcher", "Brand Designer"],
  },
  {
    name: "Data",
    weight: 4,
    head: "Director, Data & Analytics",
    lead: "Analytics Manager",
    titles: ["Data Analyst", "Data Engineer", "Data Scientist", "Analytics Engineer"],
  },
  {
    name: "IT",
    weight: 2.5,
    head: "Director, IT",
    lead: "IT Manager",
    titles: ["IT Support Specialist", "Systems Administrator", "IT Operations Engineer", "Identity Engineer"],
  },
  {
    name: "Security",
    weight: 1.5,
    head: "Chief Information Security Officer",
    lead: "Security Manager",
    titles: ["Security Engineer", "Security Analyst", "GRC Specialist"],
  },
  {
    name: "Sales",
    weight: 12,
    head: "VP, Sales",
    lead: "Sales Manager",
    titles: [
      "Account Executive",
      "Senior Account Executive",
      "Sales Development Representative",
      "Sales Engineer",
    ],
  },
  {
    name: "Marketing",
    weight: 6,
    head: "VP, Marketing",
    lead: "Marketing Manager",
    titles: [
      "Content Marketer",
      "Product Marketing Manager",
      "Demand Generation Specialist",
      "Events Coordinator",
    ],
  },
  {
    name: "Customer Success",
    weight: 7,
    head: "VP, Customer Success",
    lead: "Customer Success Manager, Team Lead",
    titles: ["Customer Success Manager", "Onboarding Specialist", "Renewals Manager"],
  },
  {
    name: "Support",
    weight: 7,
    head: "Director, Support",
    lead: "Support Team Lead",
    titles: ["Support Engineer", "Support Specialist", "Senior Support Specialist"],
  },
  {
    name: "Professional Services",
    weight: 5,
    head: "Director, Professional Services",
    lead: "Engagement Manager",
    titles: ["Implementation Consultant", "Solutions Architect", "Project Manager"],
  },
  {
    name: "Finance",
    weight: 3.5,
    head: "Chief Financial Officer",
    lead: "Controller",
    titles: ["Accountant", "Financial Analyst", "Payroll Specialist", "Accounts Payable Specialist"],
  },
  {
    name: "Legal",
    weight: 1.5,
    head: "General Counsel",
    lead: "Senior Counsel",
    titles: ["Legal Counsel", "Paralegal", "Contracts Manager"],
  },
  {
    name: "People",
    weight: 2.5,
    head: "VP, People",
    lead: "People Partner, Team Lead",
    titles: ["People Partner", "People Operations Specialist", "Compensation Analyst"],
  },
  {
    name: "Recruiting",
    weight: 2,
    head: "Head of Talent",
    lead: "Recruiting Manager",
    titles: ["Recruiter", "Technical Recruiter", "Recruiting Coordinator", "Sourcer"],
  },
  {
    name: "Operations",
    weight: 3,
    head: "Director, Business Operations",
    lead: "Operations Manager",
    titles: ["Business Operations Analyst", "Revenue Operations Analyst", "Program Manager"],
  },
  {
    name: "Facilities",
    weight: 1,
    head: "Head of Workplace",
    lead: "Office Manager",
    titles: ["Workplace Coordinator", "Receptionist", "Facilities Technician"],
  },
  {
    name: "Partnerships",
    weight: 1.5,
    head: "Head of Partnerships",
    lead: "Partner Manager, Team Lead",
    titles: ["Partner Manager", "Alliances Manager", "Channel Sales Manager"],
  },
  {
    name: "Learning & Development",
    weight: 1,
    head: "Head of Learning",
    lead: "Learning Program Manager",
    titles: ["Instructional Designer", "Trainer", "Learning Coordinator"],
  },
  {
    name: "Procurement",
    weight: 1,
    head: "Head of Procurement",
    lead: "Procurement Manager",
    titles: ["Buyer", "Vendor Manager", "Procurement Analyst"],
  },
];

/** Departments each app is rolled out to first; their people are more likely to hold an account. */
export const APP_CORE_DEPARTMENTS: Record<AppName, readonly string[]> = {
  productboard: ["Product", "Design", "Engineering", "Data", "Customer Success"],
  productive: ["Professional Services", "Engineering", "Design", "Finance", "Operations", "Product"],
  proofhub: ["Marketing", "Design", "Professional Services", "Sales", "Partnerships"],
  podio: ["Sales", "Customer Success", "Support", "Operations", "People", "Recruiting"],
  docebo: ["Learning & Development", "People", "Support", "Customer Success", "Security"],
};

/** Partner agencies and contractors' firms (never company domains). */
export const PARTNER_DOMAINS: readonly string[] = [
  "brightpixel-agency.example",
  "harbor-consulting.test",
  "northstar-contractors.example",
  "quillwork-studio.test",
  "ironbridge-partners.example",
  "cobalt-devshop.test",
];

/** Personal mail providers, styled after the big ones. */
export const PERSONAL_DOMAINS: readonly string[] = [
  "gmail.example",
  "outlook.test",
  "yahoo.example",
  "proton.test",
  "icloud.example",
];

/** Client organizations that appear as Productive contacts (not accounts). */
export const CLIENT_DOMAINS: readonly string[] = [
  "contoso-retail.example",
  "fabrikam.test",
  "tailspin-toys.example",
  "wingtip.test",
  "litware.example",
];

/** Role addresses HR sometimes lists on two people (a recycled or shared alias): planted `disputed` findings. */
export const SHARED_ALIAS_LOCALS: readonly string[] = [
  "office-manager",
  "payroll",
  "it-helpdesk",
  "events",
  "press",
  "finance-ap",
  "security-oncall",
  "onboarding",
  "partnerships",
  "social-media",
  "travel",
  "facilities",
];

/** Shared or service mailboxes that hold app accounts without being a person (company-domain orphans). */
export const SERVICE_LOCALS: readonly string[] = [
  "design-team",
  "qa-automation",
  "svc-reporting",
  "marketing-shared",
  "demo-account",
  "training-room",
  "integration-bot",
  "sales-desk",
];

/** Company name from the first domain: `northwind-labs.example` → `Northwind Labs`. */
export function companyName(domain: string): string {
  const label = domain.split(".")[0] ?? domain;
  return label
    .split("-")
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join(" ");
}
