/** Word lists for the seed generator. All organisations, people and numbers are fictitious. */

/** Fictitious organisations on the reserved `.example` TLD. */
export const ORGANISATIONS = [
  { name: 'Acme Logistics', description: 'Freight forwarding and warehousing across Europe.' },
  { name: 'Northwind Trading', description: 'Wholesale food and beverage distribution.' },
  { name: 'Globex Financial', description: 'Retail banking, cards and consumer lending.' },
  { name: 'Umbra Health', description: 'Clinics, telehealth and pharmacy services.' },
  { name: 'Initech Retail', description: 'Online and high-street retail of home electronics.' },
  { name: 'Vandelay Industries', description: 'Import and export of latex and industrial materials.' },
] as const;

/** Team names with a mission sentence. */
export const TEAMS = [
  ['Data Platform', 'Runs the lakehouse, the orchestration and the shared ingestion framework.'],
  ['Payments Data', 'Owns card, transfer and settlement data from authorisation to ledger.'],
  ['Growth Analytics', 'Measures acquisition and retention and builds the marketing attribution model.'],
  ['ML Platform', 'Provides feature stores, training pipelines and model serving.'],
  ['Finance BI', 'Produces management accounts and regulatory reporting.'],
  ['Supply Chain Analytics', 'Forecasts demand and tracks shipments, stock and suppliers.'],
  ['Customer Insights', 'Maintains the single customer view and customer segmentation.'],
  ['Data Governance', 'Classifies data, reviews access and coordinates privacy requests.'],
  ['Fraud Engineering', 'Detects fraudulent transactions and account takeovers in real time.'],
  ['People Analytics', 'Reports on headcount, hiring and attrition.'],
] as const;

/** First names for generated people. */
export const FIRST_NAMES = [
  'Amara', 'Bjorn', 'Chen', 'Dalia', 'Emeka', 'Farah', 'Gustavo', 'Hana', 'Ilya', 'Jonas', 'Keiko', 'Lars', 'Maya',
  'Nadia', 'Omar', 'Priya', 'Quentin', 'Rosa', 'Sanjay', 'Tamsin', 'Ugo', 'Valentina', 'Wei', 'Ximena', 'Yusuf',
  'Zofia', 'Aidan', 'Beatriz', 'Cormac', 'Dmitri', 'Elif', 'Femi', 'Greta', 'Hugo', 'Ines', 'Jamal', 'Kasia', 'Luca',
] as const;

/** Last names for generated people. */
export const LAST_NAMES = [
  'Abiodun', 'Bergstrom', 'Castillo', 'Dubois', 'Eriksen', 'Fitzgerald', 'Gallagher', 'Haddad', 'Ivanova', 'Jansen',
  'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Rahman', 'Silva', 'Takahashi',
  'Urquhart', 'Varga', 'Whitfield', 'Xu', 'Yilmaz', 'Zielinski', 'Achterberg', 'Brennan', 'Costa', 'Desai',
] as const;

/** Job titles for generated people. */
export const JOB_TITLES = [
  'Data Engineer', 'Senior Data Engineer', 'Analytics Engineer', 'Data Scientist', 'ML Engineer', 'BI Developer',
  'Data Product Manager', 'Engineering Manager', 'Data Steward', 'Staff Engineer', 'Analyst', 'Head of Data',
] as const;

/** A column template: name, logical type, optional PII category. */
export type ColumnTemplate = readonly [name: string, type: string, pii?: string];

/** Business domains: each becomes a project with its entities and columns. */
export const DOMAINS: ReadonlyArray<{
  readonly name: string;
  readonly schema: string;
  readonly purpose: string;
  readonly entities: readonly string[];
  readonly columns: readonly ColumnTemplate[];
  readonly metric: string;
}> = [
  {
    name: 'Payments', schema: 'payments', purpose: 'card authorisations, transfers and settlements',
    entities: ['card_transactions', 'transfers', 'settlements', 'chargebacks', 'merchants', 'fx_rates', 'accounts'],
    columns: [['amount', 'decimal'], ['currency', 'string'], ['merchant_name', 'string'], ['card_number', 'string', 'financial'],
      ['iban', 'string', 'financial'], ['status', 'string'], ['authorised_at', 'timestamp'], ['mcc', 'integer']],
    metric: 'settled volume',
  },
  {
    name: 'Customer 360', schema: 'customer', purpose: 'a single view of every customer across channels',
    entities: ['customers', 'addresses', 'consents', 'segments', 'households', 'contact_events'],
    columns: [['full_name', 'string', 'name'], ['email', 'string', 'email'], ['phone', 'string', 'phone'],
      ['postcode', 'string', 'address'], ['date_of_birth', 'date', 'government_id'], ['segment', 'string'],
      ['lifetime_value', 'decimal'], ['marketing_opt_in', 'boolean']],
    metric: 'active customers',
  },
  {
    name: 'Supply Chain', schema: 'supply', purpose: 'shipments, stock levels and supplier performance',
    entities: ['shipments', 'stock_levels', 'suppliers', 'purchase_orders', 'warehouses', 'carrier_events', 'forecasts'],
    columns: [['sku', 'string'], ['quantity', 'integer'], ['warehouse_code', 'string'], ['eta', 'timestamp'],
      ['carrier', 'string'], ['unit_cost', 'decimal'], ['delay_minutes', 'integer'], ['payload', 'json']],
    metric: 'on-time deliveries',
  },
  {
    name: 'Marketing Attribution', schema: 'marketing', purpose: 'campaign spend and the conversions it drives',
    entities: ['campaigns', 'ad_spend', 'web_sessions', 'conversions', 'leads', 'touchpoints'],
    columns: [['campaign_id', 'string'], ['channel', 'string'], ['spend', 'decimal'], ['clicks', 'integer'],
      ['session_id', 'string'], ['landing_page', 'string'], ['utm_source', 'string'], ['lead_email', 'string', 'email']],
    metric: 'cost per acquisition',
  },
  {
    name: 'Finance Reporting', schema: 'finance', purpose: 'the general ledger, revenue recognition and management accounts',
    entities: ['general_ledger', 'invoices', 'revenue', 'cost_centres', 'budgets', 'exchange_rates'],
    columns: [['account_code', 'string'], ['period', 'date'], ['debit', 'decimal'], ['credit', 'decimal'],
      ['cost_centre', 'string'], ['invoice_number', 'string'], ['posted_at', 'timestamp'], ['approved', 'boolean']],
    metric: 'monthly revenue',
  },
  {
    name: 'Workforce Analytics', schema: 'people', purpose: 'headcount, hiring and attrition',
    entities: ['employees', 'positions', 'payroll', 'absences', 'candidates', 'performance_reviews'],
    columns: [['employee_number', 'string'], ['full_name', 'string', 'name'], ['home_address', 'string', 'address'],
      ['national_insurance_number', 'string', 'government_id'], ['salary', 'decimal'], ['department', 'string'],
      ['start_date', 'date'], ['manager_id', 'string']],
    metric: 'attrition rate',
  },
  {
    name: 'Fraud Detection', schema: 'fraud', purpose: 'suspicious transactions, alerts and case outcomes',
    entities: ['alerts', 'cases', 'device_fingerprints', 'login_events', 'rule_hits', 'blocklist'],
    columns: [['risk_score', 'double'], ['rule_id', 'string'], ['device_id', 'string'], ['ip_address', 'string', 'address'],
      ['account_id', 'string'], ['decision', 'string'], ['reviewed_at', 'timestamp'], ['false_positive', 'boolean']],
    metric: 'fraud loss rate',
  },
  {
    name: 'Product Telemetry', schema: 'product', purpose: 'app events, feature usage and performance',
    entities: ['app_events', 'feature_flags', 'crash_reports', 'page_views', 'experiments', 'releases'],
    columns: [['event_name', 'string'], ['user_id', 'string'], ['platform', 'string'], ['app_version', 'string'],
      ['duration_ms', 'integer'], ['properties', 'json'], ['occurred_at', 'timestamp'], ['variant', 'string']],
    metric: 'weekly active users',
  },
];

/** Lineage layers, in order: raw sources are read by transforms that write the next layer. */
export const LAYERS = ['raw', 'staged', 'curated', 'mart'] as const;

/** Tags: name, meaning, colour. */
export const TAGS = [
  ['gdpr', 'Holds personal data of EU residents; subject-access and erasure requests apply.', '#d93f0b'],
  ['pci', 'In scope for PCI DSS; card data must be tokenised.', '#b60205'],
  ['sox', 'Feeds financial statements; changes need a second reviewer.', '#5319e7'],
  ['certified', 'Reviewed by the owning team and fit for decision making.', '#0e8a16'],
  ['experimental', 'May change or disappear without notice.', '#fbca04'],
  ['golden-source', 'The authoritative copy of this data.', '#1d76db'],
  ['kpi', 'Used for company-level KPIs.', '#0052cc'],
  ['real-time', 'Refreshed continuously from a stream.', '#c2e0c6'],
  ['deprecated-soon', 'Scheduled for removal next quarter.', '#e99695'],
  ['ml-feature', 'Used as a model feature.', '#bfdadc'],
  ['external', 'Bought from or shared with a third party.', '#d4c5f9'],
  ['daily', 'Refreshed once a day.', '#fef2c0'],
] as const;

/** Model names, what they predict, and their framework. */
export const MODEL_TASKS = [
  ['Churn Predictor', 'Probability that a customer closes their account in the next 90 days.', 'xgboost'],
  ['Fraud Scorer', 'Risk score for a card authorisation, used to block or step up transactions.', 'lightgbm'],
  ['Demand Forecaster', 'Daily unit demand per SKU and warehouse for the next 28 days.', 'prophet'],
  ['Lead Scorer', 'Likelihood that a marketing lead converts within 30 days.', 'scikit-learn'],
  ['Attrition Risk', 'Probability that an employee leaves within six months, for HR planning only.', 'pytorch'],
  ['Delivery ETA', 'Expected arrival time of a shipment given carrier events.', 'pytorch'],
] as const;
