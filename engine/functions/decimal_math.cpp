#include "engine/functions/decimal_math.hpp"

#include <algorithm>
#include <cmath>

#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

const Decimal kOne = Decimal::from_int(1);
const Decimal kTwo = Decimal::from_int(2);

// Decimal holds at most 1000 places (NUMERIC_MAX_DISPLAY_SCALE), so the
// working precision stops there; the last of 1000 places asked for can
// then be off by one, where PostgreSQL, computing with more, is exact.
constexpr int kMaxScale = 1000;
int capped(int scale) { return std::min(scale, kMaxScale); }

// The smallest value `scale` places can show: the convergence threshold.
Decimal unit_at(int scale) { return Decimal::parse("1e" + std::to_string(-scale)); }

}  // namespace

int decimal_weight(const Decimal& x) {
  std::string s = x.abs().to_string();
  std::size_t point = s.find('.');
  std::string whole = s.substr(0, point);
  if (whole != "0") return static_cast<int>(whole.size()) - 1;
  std::size_t first = s.find_first_not_of('0', point + 1);
  return -static_cast<int>(first - point);
}

Decimal sqrt_decimal(const Decimal& x, int scale) {
  if (x.is_zero()) return Decimal::from_int(0).round(capped(scale));
  int work = capped(scale + 4);
  // A double's square root starts Newton's iteration with ~15 digits right;
  // each step doubles them. Outside a double's range, start from 10^(w/2).
  double approx = std::sqrt(x.to_double());
  Decimal r = std::isfinite(approx) && approx > 0 ? Decimal::from_double(approx)
                                                  : Decimal::parse("1e" + std::to_string(decimal_weight(x) / 2));
  Decimal epsilon = unit_at(work);
  for (int i = 0; i < 200; ++i) {
    Decimal next = r.add(x.div_to_scale(r, work)).div_to_scale(kTwo, work);
    bool done = next.sub(r).abs().compare(epsilon) <= 0;
    r = next;
    if (done) break;
  }
  return r;
}

Decimal ln_decimal(const Decimal& x, int scale) {
  // ln(x) = -ln(1/x) keeps the square roots below working on values >= 1,
  // where they shrink absolute errors instead of magnifying them.
  if (x.compare(kOne) < 0) {
    int weight = -decimal_weight(x);
    return ln_decimal(kOne.div_to_scale(x, capped(scale + 2 * weight + 10)), scale).neg();
  }
  // Halve the logarithm by square roots until x is near 1 (PostgreSQL's
  // ln_var does the same), then ln(z) = 2 atanh((z-1)/(z+1)), whose series
  // gains over two digits a term there.
  // Each halving doubles the error the result carries, so the work has
  // a digit more for every three expected.
  const Decimal upper = Decimal::parse("1.1");
  double approx_ln = (decimal_weight(x) + 1) * 2.302585092994046;
  int expected_halvings = static_cast<int>(std::ceil(std::log2(std::max(approx_ln, 0.1) / 0.0953)));
  int work = capped(scale + expected_halvings / 3 + 12);
  int halvings = 0;
  Decimal z = x;
  while (z.compare(upper) > 0) {
    z = sqrt_decimal(z, work + 2);
    ++halvings;
  }
  Decimal t = z.sub(kOne).div_to_scale(z.add(kOne), work);
  Decimal t2 = t.mul(t).round(work);
  Decimal term = t, sum = t;
  Decimal epsilon = unit_at(work);
  for (int n = 3; n < 100000; n += 2) {
    term = term.mul(t2).round(work);
    Decimal step = term.div_to_scale(Decimal::from_int(n), work);
    if (step.is_zero() || step.abs().compare(epsilon) < 0) break;
    sum = sum.add(step);
  }
  Decimal factor = Decimal::from_int(static_cast<Int128>(1) << std::min(halvings + 1, 120));
  return sum.mul(factor).round(capped(scale + 2));
}

Decimal exp_decimal(const Decimal& x, int scale) {
  if (x.sign() < 0) {
    // exp(-x) = 1 / exp(x). With exp(x) near 10^w, an error d in it moves
    // the quotient by d / 10^(2w): it needs 2w fewer places than the result.
    double w = -x.to_double() * 0.4342944819032518;
    if (w > scale + 2) return Decimal::from_int(0);
    int inner = std::max(0, scale + 4 - 2 * static_cast<int>(w));
    return kOne.div_to_scale(exp_decimal(x.neg(), inner), capped(scale + 2));
  }
  // exp(x) = exp(x / 2^k)^(2^k), with x / 2^k below 0.01 for a fast series.
  double v = x.to_double();
  int halvings = v > 0.01 ? static_cast<int>(std::ceil(std::log2(v / 0.01))) : 0;
  int result_digits = static_cast<int>(std::ceil(v * 0.4342944819032518)) + 1;
  int work = capped(scale) + result_digits + halvings / 3 + 10;
  if (work > kMaxScale) {
    throw DbError(sqlstate::kFeatureNotSupported,
                  "not supported yet: a numeric exponential of more than 1000 significant digits");
  }
  Decimal y = x.div_to_scale(Decimal::from_int(static_cast<Int128>(1) << std::min(halvings, 120)), work);
  Decimal sum = kOne, term = kOne;
  Decimal epsilon = unit_at(work);
  for (int n = 1; n < 100000; ++n) {
    term = term.mul(y).div_to_scale(Decimal::from_int(n), work);
    if (term.is_zero() || term.abs().compare(epsilon) < 0) break;
    sum = sum.add(term);
  }
  for (int i = 0; i < halvings; ++i) sum = sum.mul(sum).round(work);
  return sum;
}

}  // namespace heliosdb::engine
