import { cases } from '../../../fixtures/sites/zoho/cases';
import { describeAdapterCases } from '../harness';

describeAdapterCases('zoho', cases);
