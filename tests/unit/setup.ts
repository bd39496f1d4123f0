// Deterministic tests: a fixed time zone, and no network (STYLE.md #7).
process.env.TZ = 'Asia/Ho_Chi_Minh';
globalThis.fetch = (() => {
  throw new Error('tests must not use the network');
}) as typeof fetch;
