// Starts one local AWS stand-in bound to 127.0.0.1 only.
// Usage: node serve.mjs fauxqs|ses <port>
// fauxqs 2.4.1 hard-codes host 0.0.0.0 in app.listen(); the project's rule is loopback only,
// so every net.Server.listen in this process is pinned to 127.0.0.1 before the emulator starts.
import net from "node:net";
import { createRequire } from "node:module";

const [which, portText] = process.argv.slice(2);
const port = Number.parseInt(portText ?? "", 10);
if (!["fauxqs", "ses"].includes(which) || !Number.isInteger(port)) {
  console.error("usage: node serve.mjs fauxqs|ses <port>");
  process.exit(2);
}

const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (args.length > 0 && typeof args[0] === "object" && args[0] !== null) {
    args[0] = { ...args[0], host: "127.0.0.1" };
  } else if (typeof args[0] === "number") {
    const callback = args.find((a) => typeof a === "function");
    args = callback ? [args[0], "127.0.0.1", callback] : [args[0], "127.0.0.1"];
  }
  return originalListen.apply(this, args);
};

// Exit with the parent: the launcher closes our stdin; an orphaned emulator must not linger.
process.stdin.on("end", () => process.exit(0));
process.stdin.on("close", () => process.exit(0));
process.stdin.resume();

if (which === "fauxqs") {
  const { startFauxqs } = await import("fauxqs");
  await startFauxqs({ port, logger: false, defaultRegion: "us-east-1" });
} else {
  const require = createRequire(import.meta.url);
  const start = require("aws-ses-v2-local").default;
  await start({ host: "127.0.0.1", port });
}
console.log(`ready ${which} 127.0.0.1:${port}`);
