// Sends events to a HEC endpoint with Splunk's own Node.js HEC client (npm "splunk-logging"),
// configured the way its README shows: url + token, batching by count and by interval. 1000 events in
// batches of 64 leave 40 for the final flush (flushing an empty queue posts an empty body, which Splunk
// answers with "No data", code 5 -- as Vigil does).
// usage: node splunk-logging-send.js URL TOKEN COUNT
const SplunkLogger = require("splunk-logging").Logger;
const [url, token, countArg] = process.argv.slice(2);
const count = parseInt(countArg, 10);
const logger = new SplunkLogger({ token: token, url: url, maxBatchCount: 64, batchInterval: 200 });
let failures = 0;
logger.error = function (err, context) {
    failures++;
    console.error("send failed: " + err.message);
};
for (let i = 0; i < count; i++) {
    logger.send({
        message: { action: "login", user: "user" + (i % 7), seq: i, text: "session opened for user" + (i % 7) },
        severity: i % 10 === 0 ? "error" : "info",
        metadata: { host: "web0" + (i % 3), source: "node-app", sourcetype: "nodejs:app", index: "main" },
    });
}
logger.flush(function (err, resp, body) {
    setTimeout(function () {
        console.log(JSON.stringify({ failures: failures, lastBody: body }));
        process.exit(failures === 0 ? 0 : 1);
    }, 500);
});
