import { cases } from '../../../fixtures/sites/hubspot/cases';
import { describeAdapterCases } from '../harness';

describeAdapterCases('hubspot', cases);
