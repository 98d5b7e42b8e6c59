// The floor of a worker wake-up for docs/benchmarks.md §5: nothing to load, every message answered at once.
chrome.runtime.onMessage.addListener((_message, _sender, reply) => {
  reply({ res: null });
});
