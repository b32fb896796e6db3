// Start the bare worker when asked; record when Python answered.
window.bareBoot = () => new Promise((resolve, reject) => {
  const started = performance.now();
  const worker = new Worker(new URL("./bare-worker.mjs", import.meta.url), {type: "module"});
  worker.onmessage = ({data}) => data.ok ? resolve({ms: performance.now() - started, value: data.value})
                                         : reject(new Error(data.error));
  worker.onerror = (event) => reject(new Error(event.message || "worker failed"));
});
