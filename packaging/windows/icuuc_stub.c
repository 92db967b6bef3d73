/*
 * icuuc_stub.c -- TEST-ONLY stand-in for Windows' system ICU (icuuc.dll).
 *
 * NEVER SHIPPED. It is built by packaging/windows/build.sh and copied only into the throw-away
 * wine prefix's system32, because wine 8.0 has no icuuc.dll while Qt6Core.dll (PySide6 6.12)
 * imports 20 ucnv_* functions from it. Real Windows 10 1703+ / 11 provides the genuine icuuc.dll;
 * the bundle and the installer do not contain this file (build.sh checks that).
 *
 * Every converter is reported unavailable (ucnv_open fails, no converters listed), so Qt falls
 * back to its built-in UTF-8/UTF-16/Latin-1 codecs, which is all ipdesk uses.
 *
 * Build: x86_64-w64-mingw32-gcc -O2 -shared -o icuuc.dll icuuc_stub.c
 */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)
typedef int UErrorCode;           /* ICU's UErrorCode enum */
typedef uint16_t UChar;
enum { U_ZERO_ERROR = 0, U_FILE_ACCESS_ERROR = 4, U_UNSUPPORTED_ERROR = 16 };

static void fail(UErrorCode *err, UErrorCode code) { if (err && *err <= U_ZERO_ERROR) *err = code; }

EXPORT void *ucnv_open(const char *name, UErrorCode *err) { (void)name; fail(err, U_FILE_ACCESS_ERROR); return NULL; }
EXPORT void ucnv_close(void *cnv) { (void)cnv; }
EXPORT void ucnv_reset(void *cnv) { (void)cnv; }
EXPORT int8_t ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 1; }
EXPORT const char *ucnv_getName(const void *cnv, UErrorCode *err) { (void)cnv; fail(err, U_UNSUPPORTED_ERROR); return NULL; }
EXPORT void ucnv_getToUCallBack(const void *cnv, void **action, const void **ctx) { (void)cnv; if (action) *action = NULL; if (ctx) *ctx = NULL; }
EXPORT void ucnv_getFromUCallBack(const void *cnv, void **action, const void **ctx) { (void)cnv; if (action) *action = NULL; if (ctx) *ctx = NULL; }
EXPORT void ucnv_setToUCallBack(void *cnv, void *n, const void *c, void **o, const void **oc, UErrorCode *err) { (void)cnv; (void)n; (void)c; (void)o; (void)oc; fail(err, U_UNSUPPORTED_ERROR); }
EXPORT void ucnv_setFromUCallBack(void *cnv, void *n, const void *c, void **o, const void **oc, UErrorCode *err) { (void)cnv; (void)n; (void)c; (void)o; (void)oc; fail(err, U_UNSUPPORTED_ERROR); }
EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *s, int32_t len, int32_t off, UErrorCode *err) { (void)args; (void)s; (void)len; (void)off; fail(err, U_UNSUPPORTED_ERROR); }
EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **s, const UChar *lim, int32_t off, UErrorCode *err) { (void)args; (void)s; (void)lim; (void)off; fail(err, U_UNSUPPORTED_ERROR); }
EXPORT void ucnv_toUnicode(void *cnv, UChar **t, const UChar *tl, const char **s, const char *sl, int32_t *o, int8_t f, UErrorCode *err) { (void)cnv; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(err, U_UNSUPPORTED_ERROR); }
EXPORT void ucnv_fromUnicode(void *cnv, char **t, const char *tl, const UChar **s, const UChar *sl, int32_t *o, int8_t f, UErrorCode *err) { (void)cnv; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(err, U_UNSUPPORTED_ERROR); }
EXPORT int32_t ucnv_toUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }
EXPORT int32_t ucnv_fromUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *std, UErrorCode *err) { (void)name; (void)std; (void)err; return NULL; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
/* Callback functions Qt passes to ucnv_set*Callback; never called because no converter opens. */
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const UChar *u, int32_t l, int32_t cp, int r, UErrorCode *err) { (void)c; (void)a; (void)u; (void)l; (void)cp; (void)r; (void)err; }
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const char *b, int32_t l, int r, UErrorCode *err) { (void)c; (void)a; (void)b; (void)l; (void)r; (void)err; }
