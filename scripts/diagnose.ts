/**
 * `npm run diagnose -- <saved-page.html> <url> [--json] [--rep you@company.com]`: runs the site
 * adapter's reading layers on a saved page (DevTools "Save page as", or a fixture) in jsdom and
 * prints each layer's result, the freshness guard's decision and the final context: the tool a
 * support engineer uses when a customer's page does not read. Scripts in the page never run.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { diagnose, formatDiagnosis } from './lib/diagnose';

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('usage: npm run diagnose -- <saved-page.html> <url> [--json] [--rep you@company.com]');
  process.exit(2);
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const repAt = args.indexOf('--rep');
const rep = repAt >= 0 ? (args[repAt + 1] ?? '') : '';
const positional = args.filter((a, i) => !a.startsWith('--') && (repAt < 0 || i !== repAt + 1));
const [file, url] = positional;
if (!file || !url) usage();
try {
  new URL(url);
} catch {
  usage(`not a URL: ${url}`);
}
let html: string;
try {
  html = readFileSync(file, 'utf8');
} catch (e) {
  usage(`cannot read ${file}: ${(e as Error).message}`);
}
// no scripts, no subresources: the page is data
const dom = new JSDOM(html, { url, runScripts: undefined, resources: undefined });
// the layers create elements through the global document in a few helpers
Object.assign(globalThis, { document: dom.window.document, NodeFilter: dom.window.NodeFilter });
const result = diagnose(dom.window.document, url, rep);
console.log(json ? JSON.stringify(result, null, 2) : formatDiagnosis(result));
process.exit(result.status === 'unreadable' ? 1 : 0);
