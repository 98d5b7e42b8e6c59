import { defineBackground } from '#imports';

export default defineBackground({
  type: 'module',
  main() {
    // Wiring only; services live in utils/.
  },
});
