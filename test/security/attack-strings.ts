/**
 * Strings people have used to break web applications, sent into every text field by the hostile-input tests.
 * The script ones set window.__pwned, which the browser test (test/e2e/stored-script.e2e.ts) watches for.
 */
export const sqlInjection = ["'; drop table app_user; --", "' OR '1'='1", "\\'); select pg_sleep(5);--"];

export const scriptInjection = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  'javascript:window.__pwned=1',
  '"><svg onload=window.__pwned=1>',
  "{{constructor.constructor('window.__pwned=1')()}}",
];

export const pathTraversal = ['../../etc/passwd', '..\\..\\windows\\win.ini', '%2e%2e%2f'];

/** Right-to-left override and zero-width space are stored as they are; NUL must be refused with a 400. */
export const unicodeOddities = ['abc\u202Egpj.exe', 'a\u200Bb\u200Dc', 'a\u0000b'];

export const attackStrings = [...sqlInjection, ...scriptInjection, ...pathTraversal, ...unicodeOddities];

/** Markup that would run if a stored string reached the page as HTML. */
export const activeMarkup = /<script|onerror\s*=|onload\s*=|javascript:/i;
