// Makes the core's memory snapshot in the background, once a start went the ordinary way,
// and keeps it for the next start (memory-snapshot.mjs). It never touches user data.
import { buildKey, keepSnapshot, makeSnapshot } from "./memory-snapshot.mjs";

try {
  await keepSnapshot(await makeSnapshot(await buildKey()));
  self.postMessage("kept");
} catch (error) {
  self.postMessage(`not kept: ${error?.message ?? error}`);
}
