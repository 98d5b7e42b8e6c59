/**
 * Mapping between outbox items and the API's sales-activity payload (recotap-api.md §3.9).
 * Only documented fields are sent (§5 #13); call fields only for calls, email fields only for emails.
 */
import type { RecotapClient } from '../recotap';
import type { OutboxItem } from './db';

export interface ApiActivityContact {
  email: string;
  name?: string;
  title?: string;
}

/** One element of POST /sales-activities' `activities[]`. */
export interface ApiSalesActivity {
  externalActivityId: string;
  activityType: string;
  occurredAt: string;
  domain: string;
  ownerEmail: string;
  contacts: ApiActivityContact[];
  accountName?: string;
  subject?: string;
  callTitle?: string;
  durationMinutes?: number;
  outcome?: string;
  direction?: 'inbound' | 'outbound';
  openCount?: number;
  clickCount?: number;
}

/** The slice of the Recotap client the outbox needs. */
export type OutboxClient = Pick<RecotapClient, 'pushSalesActivities'>;

/** Copies only the keys whose value is defined, so optional fields are omitted rather than sent as null. */
function defined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/** Builds the API payload for one outbox item. */
export function toApiActivity(item: OutboxItem): ApiSalesActivity {
  const d = item.draft;
  const common: ApiSalesActivity = {
    externalActivityId: item.id,
    activityType: d.activityType,
    occurredAt: d.occurredAt,
    domain: d.domain,
    ownerEmail: item.ownerEmail,
    contacts: d.contacts.map((c) => defined({ email: c.email, name: c.name, title: c.title })),
    accountName: d.accountName,
    subject: d.subject,
  };
  if (d.activityType === 'call') {
    Object.assign(common, {
      callTitle: d.callTitle,
      durationMinutes: d.durationMinutes,
      outcome: d.outcome,
      direction: d.direction,
    });
  } else if (d.activityType === 'email') {
    Object.assign(common, { openCount: d.openCount, clickCount: d.clickCount });
  }
  return defined(common);
}

