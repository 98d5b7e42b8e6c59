import { cases } from '../../../fixtures/sites/linkedin/cases';
import { describeAdapterCases } from '../harness';

describeAdapterCases('linkedin', cases);
