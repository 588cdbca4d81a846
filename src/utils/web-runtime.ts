// What webfetch needs at run time (address checks, the pinned HTTP client, content conversion), loaded on its
// first call so that start-up does not evaluate ipaddr.js and the HTTP/HTML machinery.
export { htmlTitle } from "./html-to-markdown.js";
export { checkUrl, defaultLookup, hostnameOf } from "./net-guard.js";
export { safeFetch } from "./safe-fetch.js";
export { capOutput, convert, decodeBody, formatBytes, mimeOf, rejectContentType } from "./web-content.js";
