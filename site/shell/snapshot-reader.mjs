// Reads the core's kept memory snapshot and checks its hash off the core's own thread,
// which meanwhile starts Pyodide on the parts posted first (memory-snapshot.mjs).
import { readSnapshot } from "./memory-snapshot.mjs";

self.onmessage = ({ data: key }) => readSnapshot(key, (message, transfer) => self.postMessage(message, transfer));
