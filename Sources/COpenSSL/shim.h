#ifndef DECLARATION_REGISTRY_COPENSSL_SHIM_H
#define DECLARATION_REGISTRY_COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

// Swift cannot import function-like macros; these wrap the ones we call.

static inline void copenssl_free(void *pointer) {
    OPENSSL_free(pointer);
}

static inline long copenssl_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

#endif
