import { cases } from '../../../fixtures/sites/pipedrive/cases';
import { describeAdapterCases } from '../harness';

describeAdapterCases('pipedrive', cases);
