/** Audit rows per page; shared by the server prefetch and the client query (same cache key). */
export const AUDIT_PAGE_SIZE = 50;
