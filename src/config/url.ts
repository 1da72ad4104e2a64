// moved to ../dialects/url.ts (URL schemes belong to the registered databases)
export { maskUrl, parseUrl } from "../dialects/url.js";
