//! Sine and cosine for the angles a map meets (|x| up to about a million radians).
//!
//! `f64::sin` on wasm32 links the whole of libm's argument reduction, including the
//! Payne–Hanek path for huge arguments (about 5 KB of the wasm), which a map never needs:
//! every angle here comes from a validated longitude or latitude. This is libm's own
//! Cody–Waite reduction (its "medium" case, good to 151 bits) and its kernels, from FreeBSD's
//! msun via the `libm` crate (MIT OR Apache-2.0), so results agree with `f64::sin` to the last
//! bit or so (the constants are libm's, given by their bits). Larger arguments are first reduced by whole turns, inexactly, but they never occur.

const TO_INT: f64 = 1.5 / f64::EPSILON;
const INV_PIO2: f64 = f64::from_bits(0x3FE45F30_6DC9C883);
const PIO2_1: f64 = f64::from_bits(0x3FF921FB_54400000);
const PIO2_1T: f64 = f64::from_bits(0x3DD0B461_1A626331);
const PIO2_2: f64 = f64::from_bits(0x3DD0B461_1A600000);
const PIO2_2T: f64 = f64::from_bits(0x3BA3198A_2E037073);
const PIO2_3: f64 = f64::from_bits(0x3BA3198A_2E000000);
const PIO2_3T: f64 = f64::from_bits(0x397B839A_252049C1);
/// Below this the reduction above is exact enough (2^20 · π/2).
const MEDIUM_LIMIT: f64 = 1_647_099.0;

/// `x` as `n · π/2 + (y0 + y1)`, with `|y0 + y1| <= π/4`; returns `(n mod 4, y0, y1)`.
fn reduce(x: f64) -> (u8, f64, f64) {
    // Most angles of a map (latitudes, half-angles) need no reduction at all.
    if x.abs() <= std::f64::consts::FRAC_PI_4 {
        return (0, x, 0.0);
    }
    let x = if x.abs() < MEDIUM_LIMIT {
        x
    } else {
        x - std::f64::consts::TAU * (x / std::f64::consts::TAU).floor()
    };
    let exponent = |v: f64| ((v.to_bits() >> 52) & 0x7ff) as i32;
    let f_n = (x * INV_PIO2 + TO_INT) - TO_INT;
    let mut r = x - f_n * PIO2_1;
    let mut w = f_n * PIO2_1T;
    let mut y0 = r - w;
    let ex = exponent(x);
    if ex - exponent(y0) > 16 {
        let t = r;
        w = f_n * PIO2_2;
        r = t - w;
        w = f_n * PIO2_2T - ((t - r) - w);
        y0 = r - w;
        if ex - exponent(y0) > 49 {
            let t = r;
            w = f_n * PIO2_3;
            r = t - w;
            w = f_n * PIO2_3T - ((t - r) - w);
            y0 = r - w;
        }
    }
    let y1 = (r - y0) - w;
    // f_n is a whole number below 2^21 in magnitude: the cast is exact.
    ((f_n as i64).rem_euclid(4) as u8, y0, y1)
}

const S1: f64 = f64::from_bits(0xBFC55555_55555549);
const S2: f64 = f64::from_bits(0x3F811111_1110F8A6);
const S3: f64 = f64::from_bits(0xBF2A01A0_19C161D5);
const S4: f64 = f64::from_bits(0x3EC71DE3_57B1FE7D);
const S5: f64 = f64::from_bits(0xBE5AE5E6_8A2B9CEB);
const S6: f64 = f64::from_bits(0x3DE5D93A_5ACFD57C);

fn k_sin(x: f64, y: f64) -> f64 {
    if y == 0.0 {
        return k_sin_exact(x);
    }
    let z = x * x;
    let w = z * z;
    let r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
    let v = z * x;
    x - ((z * (0.5 * y - v * r) - y) - v * S1)
}

/// [`k_sin`] for an argument that needed no reduction (libm's `iy == 0` case).
fn k_sin_exact(x: f64) -> f64 {
    let z = x * x;
    let w = z * z;
    let r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
    let v = z * x;
    x + v * (S1 + z * r)
}

fn k_cos(x: f64, y: f64) -> f64 {
    const C1: f64 = f64::from_bits(0x3FA55555_5555554C);
    const C2: f64 = f64::from_bits(0xBF56C16C_16C15177);
    const C3: f64 = f64::from_bits(0x3EFA01A0_19CB1590);
    const C4: f64 = f64::from_bits(0xBE927E4F_809C52AD);
    const C5: f64 = f64::from_bits(0x3E21EE9E_BDB4B1C4);
    const C6: f64 = f64::from_bits(0xBDA8FAE9_BE8838D4);
    let z = x * x;
    let w = z * z;
    let r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    w + (((1.0 - w) - hz) + (z * r - x * y))
}

/// `(sin x, cos x)`; NaN for a NaN or infinite `x`.
pub fn sin_cos(x: f64) -> (f64, f64) {
    if !x.is_finite() {
        return (f64::NAN, f64::NAN);
    }
    let (n, y0, y1) = reduce(x);
    let (s, c) = (k_sin(y0, y1), k_cos(y0, y1));
    match n {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
}

/// `sin(x + turns · π/2)`, with one kernel: the quarter turns only pick the kernel and sign.
fn sin_turned(x: f64, turns: u8) -> f64 {
    if !x.is_finite() {
        return f64::NAN;
    }
    let (n, y0, y1) = reduce(x);
    match n.wrapping_add(turns) & 3 {
        0 => k_sin(y0, y1),
        1 => k_cos(y0, y1),
        2 => -k_sin(y0, y1),
        _ => -k_cos(y0, y1),
    }
}

/// `sin x` (one kernel, not both).
pub fn sin(x: f64) -> f64 {
    sin_turned(x, 0)
}

/// `cos x`, which is `sin(x + π/2)` (one kernel, not both).
pub fn cos(x: f64) -> f64 {
    sin_turned(x, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_platform_to_within_two_ulps_over_a_map_range() {
        // Every angle a map meets, and some way beyond, in steps that hit no special value.
        let mut x = -40.0;
        while x < 40.0 {
            let (s, c) = sin_cos(x);
            for (ours, std) in [
                (s, x.sin()),
                (c, x.cos()),
                (sin(x), x.sin()),
                (cos(x), x.cos()),
            ] {
                let ulp = f64::EPSILON * std.abs().max(f64::MIN_POSITIVE);
                assert!(
                    (ours - std).abs() <= 2.0 * ulp.max(1e-300),
                    "x = {x}: {ours} vs {std}"
                );
            }
            x += 0.000_731;
        }
    }

    #[test]
    fn quadrants_and_exact_values() {
        assert_eq!(sin(0.0), 0.0);
        assert_eq!(cos(0.0), 1.0);
        assert!((sin(std::f64::consts::FRAC_PI_2) - 1.0).abs() < 1e-16);
        assert!((cos(std::f64::consts::PI) + 1.0).abs() < 1e-16);
        assert!((sin(-std::f64::consts::FRAC_PI_6) + 0.5).abs() < 1e-16);
        assert!(sin(1e7).abs() <= 1.0 && cos(1e7).abs() <= 1.0);
        assert!(sin(f64::NAN).is_nan() && cos(f64::INFINITY).is_nan());
    }
}
