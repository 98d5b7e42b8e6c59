/**
 * The in-page panel crm.js drives. Chrome: the framed panel (panel-frame/), so crm.js carries no
 * React. The Firefox build swaps this module for mount-panel.firefox.ts (wxt.config.ts): Firefox
 * MV2 cannot keep a web-accessible page from LinkedIn, so it renders the panel in the page.
 */
export { framePanel as panelDriver } from '../panel-frame/mount-frame-panel';
