"""Random variates for the compiled LCMCR sweep, inline in numba.

numba's ``np.random.Generator`` reaches its bit generator through a function pointer
and sets up every binomial afresh: a uniform costs ~20 ns and a binomial ~300 ns, and
the sweep makes about a hundred of each. Here the generator is xoshiro256** (Blackman &
Vigna 2018) and the variates are the textbook exact algorithms, compiled into the sweep:

* normal: Marsaglia & Tsang's ziggurat (256 layers);
* gamma: Marsaglia & Tsang (2000), with the ``U^(1/a)`` boost below shape 1;
* binomial: inversion when n·min(p, 1−p) < 10, else Hörmann's BTRD (1993);
* Poisson: multiplication below mean 10, else Hörmann's PTRS (1993);
* negative binomial: a Poisson whose mean is a gamma draw (as numpy does).

The state is a tuple of four ``uint64`` words, passed by value: every function takes it
first and returns ``(value, new state)``. A value tuple lives in registers; a state
array would cost two atomic reference-count updates per call, more than a uniform
draw. :func:`seed_state` makes the state array a chain keeps between calls,
:func:`load` and :func:`store` move it in and out. The tests compare each variate's
distribution with scipy's.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit
from numpy.typing import NDArray

_U64 = np.uint64
_TO_UNIT = 2.0**-53
_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)
BTRD_MIN_MEAN = 10.0  # BTRD is valid from n·p ≥ 10; inversion is cheap below
PTRS_MIN_MEAN = 10.0


def _stirling_corrections(count: int) -> NDArray[np.float64]:
    """log k! minus its Stirling approximation, for the small k BTRD looks up."""
    k = np.arange(count, dtype=float)
    lgam = np.array([math.lgamma(v + 1.0) for v in k])
    return lgam - ((k + 0.5) * np.log(k + 1.0) - (k + 1.0) + _LOG_SQRT_2PI)


_FC_TABLE = _stirling_corrections(10)

# Ziggurat for the normal: 256 layers of equal area under exp(−x²/2) (Marsaglia & Tsang
# 2000; the constants are theirs for 256 layers). _ZX[i] is the right edge of layer i
# (_ZX[0] the base layer's width including the tail), _ZF[i] = exp(−_ZX[i]²/2).
_ZIG_R = 3.6541528853610088
_ZIG_AREA = 0.00492867323399


def _ziggurat_tables() -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    x = np.zeros(257)
    x[0] = _ZIG_AREA / math.exp(-0.5 * _ZIG_R * _ZIG_R)
    x[1] = _ZIG_R
    for i in range(1, 255):
        inner = _ZIG_AREA / x[i] + math.exp(-0.5 * x[i] * x[i])
        x[i + 1] = math.sqrt(-2.0 * math.log(inner))
    return x, np.exp(-0.5 * x * x)


_ZX, _ZF = _ziggurat_tables()


State = tuple[np.uint64, np.uint64, np.uint64, np.uint64]


def seed_state(rng: np.random.Generator) -> NDArray[np.uint64]:
    """A generator state (as an array) drawn from a numpy generator; never all zero."""
    return rng.integers(1, 2**63, size=4, dtype=np.uint64)


@njit(cache=True)
def load(a: NDArray[np.uint64]) -> State:
    return (a[0], a[1], a[2], a[3])


@njit(cache=True)
def store(a: NDArray[np.uint64], st: State) -> None:
    a[0], a[1], a[2], a[3] = st


@njit(cache=True)
def next_u64(st: State) -> tuple[np.uint64, State]:
    """xoshiro256**: the next 64 random bits."""
    s0, s1, s2, s3 = st
    x = s1 * _U64(5)
    result = ((x << _U64(7)) | (x >> _U64(57))) * _U64(9)
    t = s1 << _U64(17)
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << _U64(45)) | (s3 >> _U64(19))
    return result, (s0, s1, s2, s3)


@njit(cache=True)
def uniform(st: State) -> tuple[float, State]:
    """Uniform on the open interval (0, 1): 53 random bits, centred, so log(u) is finite."""
    bits, st = next_u64(st)
    return (float(bits >> _U64(11)) + 0.5) * _TO_UNIT, st


@njit(cache=True)
def _normal_tail(st: State) -> tuple[float, State]:
    """|Z| given |Z| > R (Marsaglia's exponential rejection)."""
    while True:
        u, st = uniform(st)
        v, st = uniform(st)
        a = -math.log(u) / _ZIG_R
        if -2.0 * math.log(v) > a * a:
            return _ZIG_R + a, st


@njit(cache=True)
def normal(st: State) -> tuple[float, State]:
    """Standard normal (ziggurat: one 64-bit draw and a table look-up almost always)."""
    while True:
        bits, st = next_u64(st)
        i = int(bits & _U64(255))
        z = float(bits >> _U64(11)) * _TO_UNIT * _ZX[i]
        if z >= _ZX[i + 1]:
            if i == 0:
                z, st = _normal_tail(st)
            else:
                u, st = uniform(st)
                if _ZF[i] + u * (_ZF[i + 1] - _ZF[i]) >= math.exp(-0.5 * z * z):
                    continue
        return (-z if (bits >> _U64(8)) & _U64(1) else z), st


@njit(cache=True)
def _gamma_large(st: State, shape: float) -> tuple[float, State]:
    """Gamma(shape, 1) for shape ≥ 1 (Marsaglia & Tsang's squeeze and rejection)."""
    d = shape - 1.0 / 3.0
    c = 1.0 / math.sqrt(9.0 * d)
    while True:
        x, st = normal(st)
        v = 1.0 + c * x
        if v <= 0.0:
            continue
        v = v * v * v
        u, st = uniform(st)
        x2 = x * x
        if u < 1.0 - 0.0331 * x2 * x2:
            return d * v, st
        if math.log(u) < 0.5 * x2 + d * (1.0 - v + math.log(v)):
            return d * v, st


@njit(cache=True)
def gamma(st: State, shape: float) -> tuple[float, State]:
    """Gamma(shape, scale 1)."""
    if shape >= 1.0:
        return _gamma_large(st, shape)
    g, st = _gamma_large(st, shape + 1.0)
    u, st = uniform(st)
    return g * u ** (1.0 / shape), st


@njit(cache=True)
def log_gamma(st: State, shape: float) -> tuple[float, State]:
    """log of a Gamma(shape, 1) draw, without underflow for tiny shapes (Robert &
    Casella's trick, as in LCMCR's dan_math_gsl.h)."""
    if shape < 0.5:
        u, st = uniform(st)
        g, st = _gamma_large(st, 1.0 + shape)
        return math.log(u) / shape + math.log(g), st
    g, st = gamma(st, shape)
    return math.log(g), st


@njit(cache=True)
def log_beta(st: State, a: float, b: float) -> tuple[float, float, State]:
    """log V and log(1 − V) for V ~ Beta(a, b)."""
    # Beta(1, b) and Beta(a, 1) invert in closed form: 1 − V = U^(1/b), V = U^(1/a).
    if a == 1.0:
        u, st = uniform(st)
        log_1m_v = math.log(u) / b
        return math.log(-math.expm1(log_1m_v)), log_1m_v, st
    if b == 1.0:
        u, st = uniform(st)
        log_v = math.log(u) / a
        return log_v, math.log(-math.expm1(log_v)), st
    if a >= 0.5 and b >= 0.5:
        # Both Gamma draws are far from underflow: three logs instead of log-sum-exp.
        ga, st = gamma(st, a)
        gb, st = gamma(st, b)
        total = math.log(ga + gb)
        return math.log(ga) - total, math.log(gb) - total, st
    la, st = log_gamma(st, a)
    lb, st = log_gamma(st, b)
    top = max(la, lb)
    lse = top + math.log(math.exp(la - top) + math.exp(lb - top))
    return la - lse, lb - lse, st


@njit(cache=True)
def beta(st: State, a: float, b: float) -> tuple[float, float, State]:
    """V and 1 − V for V ~ Beta(a, b), each without cancellation.

    From two Gamma draws when both shapes are ≥ 1 (no logarithm needed); otherwise
    through :func:`log_beta`, which keeps tiny shapes from underflowing.
    """
    if a > 1.0 and b > 1.0:
        ga, st = _gamma_large(st, a)
        gb, st = _gamma_large(st, b)
        return ga / (ga + gb), gb / (ga + gb), st
    if a == 1.0 and b == 1.0:
        u, st = uniform(st)
        return u, 1.0 - u, st
    log_v, log_1m_v, st = log_beta(st, a, b)
    return math.exp(log_v), math.exp(log_1m_v), st


@njit(cache=True)
def _binomial_inversion(st: State, n: int, p: float) -> tuple[int, State]:
    """Binomial(n, p), p ≤ 1/2, small mean: walk the pmf from 0."""
    q = 1.0 - p
    ratio = p / q
    g = ratio * (n + 1)
    first = math.exp(n * math.log1p(-p))
    while True:
        u, st = uniform(st)
        x = 0
        px = first
        while u > px and x < n:
            u -= px
            x += 1
            px *= g / x - ratio
        if u <= px:
            return x, st
        # rounding left u above the whole pmf (probability ~1e-16): draw again


@njit(cache=True)
def _stirling_correction(k: int) -> float:
    if k < 10:
        return _FC_TABLE[k]
    r = 1.0 / (k + 1.0)
    r2 = r * r
    return (1.0 / 12.0 - (1.0 / 360.0 - r2 / 1260.0) * r2) * r


@njit(cache=True)
def _btrd_accept(k: int, v: float, n: int, p: float, m: int) -> bool:
    """BTRD's exact test (steps 3.1–3.4): is v under the pmf ratio f(k)/f(m)?"""
    q = 1.0 - p
    r = p / q
    nr = (n + 1) * r
    npq = n * p * q
    km = abs(k - m)
    if km <= 15:
        f = 1.0
        if m < k:
            for i in range(m + 1, k + 1):
                f *= nr / i - r
        elif m > k:
            for i in range(k + 1, m + 1):
                v *= nr / i - r
        return v <= f
    v = math.log(v)
    rho = (km / npq) * (((km / 3.0 + 0.625) * km + 1.0 / 6.0) / npq + 0.5)
    t = -km * km / (2.0 * npq)
    if v < t - rho:
        return True
    if v > t + rho:
        return False
    nm = n - m + 1
    h = (m + 0.5) * math.log((m + 1) / (r * nm))
    h += _stirling_correction(m) + _stirling_correction(n - m)
    nk = n - k + 1
    bound = h + (n + 1) * math.log(nm / nk) + (k + 0.5) * math.log(nk * r / (k + 1))
    return v <= bound - _stirling_correction(k) - _stirling_correction(n - k)


@njit(cache=True)
def _binomial_btrd(st: State, n: int, p: float) -> tuple[int, State]:
    """Binomial(n, p), p ≤ 1/2, n·p ≥ 10: Hörmann's transformed rejection with
    decomposition (BTRD)."""
    spq = math.sqrt(n * p * (1.0 - p))
    b = 1.15 + 2.53 * spq
    a = -0.0873 + 0.0248 * b + 0.01 * p
    c = n * p + 0.5
    alpha = (2.83 + 5.1 / b) * spq
    v_r = 0.92 - 4.2 / b
    m = math.floor((n + 1) * p)
    while True:
        v, st = uniform(st)
        if v <= 0.86 * v_r:
            u = v / v_r - 0.43
            return math.floor((2.0 * a / (0.5 - abs(u)) + b) * u + c), st
        if v >= v_r:
            u, st = uniform(st)
            u -= 0.5
        else:
            u = v / v_r - 0.93
            u = math.copysign(0.5, u) - u
            v, st = uniform(st)
            v *= v_r
        us = 0.5 - abs(u)
        k = math.floor((2.0 * a / us + b) * u + c)
        if k < 0 or k > n:
            continue
        v = v * alpha / (a / (us * us) + b)
        if _btrd_accept(k, v, n, p, m):
            return k, st


@njit(cache=True)
def binomial(st: State, n: int, p: float) -> tuple[int, State]:
    """Binomial(n, p)."""
    if n <= 0 or p <= 0.0:
        return 0, st
    if p >= 1.0:
        return n, st
    flip = p > 0.5
    p_low = 1.0 - p if flip else p
    if n * p_low < BTRD_MIN_MEAN:
        x, st = _binomial_inversion(st, n, p_low)
    else:
        x, st = _binomial_btrd(st, n, p_low)
    return (n - x if flip else x), st


@njit(cache=True)
def _poisson_small(st: State, lam: float) -> tuple[int, State]:
    """Poisson(lam) by multiplying uniforms until the product drops below e^−lam."""
    limit = math.exp(-lam)
    x = 0
    prod, st = uniform(st)
    while prod > limit:
        x += 1
        u, st = uniform(st)
        prod *= u
    return x, st


@njit(cache=True)
def poisson(st: State, lam: float) -> tuple[int, State]:
    """Poisson(lam): multiplication for small means, else Hörmann's PTRS."""
    if lam <= 0.0:
        return 0, st
    if lam < PTRS_MIN_MEAN:
        return _poisson_small(st, lam)
    slam = math.sqrt(lam)
    loglam = math.log(lam)
    b = 0.931 + 2.53 * slam
    a = -0.059 + 0.02483 * b
    log_invalpha = math.log(1.1239 + 1.1328 / (b - 3.4))
    v_r = 0.9277 - 3.6224 / (b - 2.0)
    while True:
        u, st = uniform(st)
        v, st = uniform(st)
        u -= 0.5
        us = 0.5 - abs(u)
        k = math.floor((2.0 * a / us + b) * u + lam + 0.43)
        if us >= 0.07 and v <= v_r:
            return k, st
        if k < 0 or (us < 0.013 and v > us):
            continue
        lhs = math.log(v) + log_invalpha - math.log(a / (us * us) + b)
        if lhs <= -lam + k * loglam - math.lgamma(k + 1.0):
            return k, st


@njit(cache=True)
def negative_binomial(st: State, size: float, p: float) -> tuple[int, State]:
    """Failures before the size-th success, success probability p (numpy's convention)."""
    g, st = gamma(st, size)
    return poisson(st, g * (1.0 - p) / p)
