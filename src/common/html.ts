/** Text or an attribute value made safe inside HTML: every character that could end it, as a numeric reference. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
