/*
 * The draws of a seeded Fisher–Yates shuffle, from seedrandom's ARC4 generator, in WebAssembly:
 * the same doubles as random.ts's Arc4Doubles (integer steps and IEEE double arithmetic in the same
 * order), at about twice its speed and without its warm-up, since an epoch's shuffle of 80,000 rows
 * took a tenth of a small model's epoch. The caller lays out the state (S, then i and j) and the
 * output in the module's memory (arc4Draws.ts).
 *
 * Rebuild arc4.wasm.ts after editing: `npm run build:kernels` (clang and lld 14.0.6, as kernels.c).
 */
#define EXPORT(name) __attribute__((export_name(#name)))

typedef unsigned char u8;
typedef int i32;
typedef unsigned u32;

typedef struct {
  u8 s[256];
  u32 i;
  u32 j;
} Arc4;

static inline u32 next_byte(u8 *s, u32 *pi, u32 *pj) {
  u32 i = (*pi + 1) & 255;
  u32 t = s[i];
  u32 j = (*pj + t) & 255;
  s[i] = s[j];
  s[j] = (u8)t;
  *pi = i;
  *pj = j;
  return s[(s[i] + t) & 255];
}

/* seedrandom's prng(): 48 random bits, then more bytes until 52 bits are set, scaled into [0, 1). */
static inline double next_double(Arc4 *g, u32 *pi, u32 *pj) {
  u8 *s = g->s;
  u32 hi = next_byte(s, pi, pj);
  hi = (hi << 8) | next_byte(s, pi, pj);
  hi = (hi << 8) | next_byte(s, pi, pj);
  u32 lo = next_byte(s, pi, pj);
  lo = (lo << 8) | next_byte(s, pi, pj);
  lo = (lo << 8) | next_byte(s, pi, pj);
  double n = (double)hi * 16777216.0 + (double)lo;
  double d = 281474976710656.0; /* 2^48 */
  u32 x = 0;
  while (n < 4503599627370496.0) { /* 2^52 */
    n = (n + (double)x) * 256.0;
    d *= 256.0;
    x = next_byte(s, pi, pj);
  }
  while (n >= 9007199254740992.0) { /* 2^53 */
    n /= 2.0;
    d /= 2.0;
    x >>= 1;
  }
  return (n + (double)x) / d;
}

/*
 * A stretch of random.ts's shuffleDraws: out[k − lo] = floor(draw · (k + 1)) for k from hi down to
 * lo, so that a long shuffle is drawn a bounded stretch at a time into a buffer of the caller's.
 */
EXPORT(shuffle_draws) void shuffle_draws(Arc4 *g, i32 *out, i32 lo, i32 hi) {
  u32 i = g->i, j = g->j;
  for (i32 k = hi; k >= lo; k--) out[k - lo] = (i32)__builtin_floor(next_double(g, &i, &j) * (double)(k + 1));
  g->i = i;
  g->j = j;
}
