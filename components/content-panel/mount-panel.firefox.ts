/** Firefox build of mount-panel.ts (wxt.config.ts swaps it in): React in a shadow root on the page. */
export { shadowPanel as panelDriver } from './mount-shadow-panel';
