/**
 * The heavy host page for benchmark 8: the Salesforce Lightning SPA fixture plus a 5,000-row table
 * and `window.__benchChurn()`, which navigates (pushState via the fixture's __spaGo) and rewrites
 * 500 rows, the way a CRM list view re-renders. Served at the fixture's real URL by the world server.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SITES_DIR } from '../e2e/site-cases.ts';

export const HEAVY_FIXTURE = path.join(SITES_DIR, 'salesforce-lightning/spa.html');
export const HEAVY_URL = 'https://acme.lightning.force.com/lightning/r/Account/001Hs0000000AbCdEI/view';
export const HEAVY_NEXT_URL = 'https://acme.lightning.force.com/lightning/r/Account/001Hs0000007AbCdEI/view';

const SCRIPT = `<script>
(function () {
  var ROWS = 5000, CHURN = 500, COLS = 6;
  var table = document.createElement('table');
  table.id = 'bench-heavy';
  // fixed layout, as CRM grids use: re-rendered rows do not re-measure the whole table
  table.style.cssText = 'table-layout: fixed; width: 100%; border-collapse: collapse';
  var body = table.createTBody();
  function fill(tr, i, gen) {
    tr.textContent = '';
    for (var c = 0; c < COLS; c++) {
      var td = tr.insertCell();
      td.textContent = c === 0 ? 'Opportunity ' + i + ' / ' + gen : (c === 1 ? 'https://deal-' + i + '.example.org' : String((i * 31 + c * 7 + gen) % 1000));
    }
  }
  for (var i = 0; i < ROWS; i++) fill(body.insertRow(), i, 0);
  document.body.appendChild(table);
  var gen = 0;
  window.__benchChurn = function () {
    gen++;
    window.__spaGo(gen % 2 ? ${JSON.stringify(HEAVY_NEXT_URL)} : ${JSON.stringify(HEAVY_URL)});
    var start = (gen * CHURN) % ROWS;
    for (var k = 0; k < CHURN; k++) fill(body.rows[(start + k) % ROWS], start + k, gen);
    return document.body.getElementsByTagName('td').length;
  };
})();
</script>`;

/** The fixture's HTML with the heavy table and churn script added at the end of the body. */
export async function heavyPageHtml(): Promise<string> {
  const html = await readFile(HEAVY_FIXTURE, 'utf8');
  const at = html.lastIndexOf('</body>');
  if (at < 0) throw new Error(`${HEAVY_FIXTURE} has no </body>`);
  return html.slice(0, at) + SCRIPT + html.slice(at);
}
