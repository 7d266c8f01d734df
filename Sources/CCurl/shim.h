#ifndef INSYN_CCURL_SHIM_H
#define INSYN_CCURL_SHIM_H
#include <curl/curl.h>
// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call:
// these typed wrappers are the only way Delivery reaches them.
static inline CURLcode insyn_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode insyn_curl_setopt_ptr(CURL *h, CURLoption o, const void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode insyn_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
typedef size_t (*insyn_curl_data_cb)(char *, size_t, size_t, void *);
static inline CURLcode insyn_curl_setopt_data_cb(CURL *h, CURLoption o, insyn_curl_data_cb cb) { return curl_easy_setopt(h, o, cb); }
static inline CURLcode insyn_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode insyn_curl_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
// CURL_GLOBAL_DEFAULT is a macro expression Swift does not import.
static inline CURLcode insyn_curl_global_init_default(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }
#endif
