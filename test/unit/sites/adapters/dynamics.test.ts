import { cases } from '../../../fixtures/sites/dynamics/cases';
import { describeAdapterCases } from '../harness';

describeAdapterCases('dynamics', cases);
