#include "engine/exec/matview_options.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "engine/common/db_error.hpp"
#include "engine/types/temporal.hpp"

namespace heliosdb::engine {

namespace {

[[noreturn]] void invalid(const std::string& what, const std::string& name, const std::string& value) {
  throw DbError(sqlstate::kInvalidParameterValue, "invalid value for " + what + " option \"" + name + "\": " + value);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool parse_bool(const std::string& name, const std::string& value) {
  const std::string v = lower(value);
  if (v == "true" || v == "on" || v == "yes" || v == "1" || v == "t") return true;
  if (v == "false" || v == "off" || v == "no" || v == "0" || v == "f") return false;
  invalid("boolean", name, value);
}

double parse_real(const std::string& name, const std::string& value, double low, double high) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(value, &used);
  } catch (const std::exception&) {
    invalid("floating point", name, value);
  }
  if (used != value.size() || !std::isfinite(v)) invalid("floating point", name, value);
  if (v < low || v > high) {
    throw DbError(sqlstate::kInvalidParameterValue, "value " + value + " out of bounds for option \"" + name + "\"")
        .with_detail("Valid values are between \"" + std::to_string(static_cast<int>(low)) + "\" and \"" +
                     std::to_string(static_cast<int>(high)) + "\".");
  }
  return v;
}

std::int64_t parse_count(const std::string& name, const std::string& value) {
  std::size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(value, &used);
  } catch (const std::exception&) {
    invalid("integer", name, value);
  }
  if (used != value.size() || v < 0) invalid("integer", name, value);
  return v;
}

// An interval's length in microseconds, a month counting 30 days as
// PostgreSQL's interval comparisons do.
std::int64_t parse_window(const std::string& name, const std::string& value) {
  temporal::Interval iv;
  try {
    iv = temporal::parse_interval(value);
  } catch (const DbError&) {
    invalid("interval", name, value);
  }
  constexpr std::int64_t kDay = std::int64_t{86400} * 1000000;
  const std::int64_t micros = (std::int64_t{iv.months} * 30 + iv.days) * kDay + iv.micros;
  if (micros < 0) invalid("interval", name, value);
  return micros;
}

}  // namespace

std::int64_t parse_size_bytes(const std::string& text) {
  std::size_t at = 0;
  while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at])) != 0) ++at;
  std::size_t digits = at;
  while (digits < text.size() && (std::isdigit(static_cast<unsigned char>(text[digits])) != 0 || text[digits] == '.')) {
    ++digits;
  }
  auto refuse = [&] {
    throw DbError(sqlstate::kInvalidParameterValue, "invalid size: \"" + text + "\"")
        .with_detail("Invalid size unit: \"" + text.substr(digits) + "\".")
        .with_hint("Valid units are \"bytes\", \"kB\", \"MB\", \"GB\", \"TB\", and \"PB\".");
  };
  if (digits == at) {
    throw DbError(sqlstate::kInvalidParameterValue, "invalid size: \"" + text + "\"");
  }
  const double number = std::stod(text.substr(at, digits - at));
  std::string unit = lower(text.substr(digits));
  unit.erase(std::remove_if(unit.begin(), unit.end(), [](unsigned char c) { return std::isspace(c) != 0; }),
             unit.end());
  double scale = 1;
  if (unit.empty() || unit == "bytes" || unit == "b") {
    scale = 1;
  } else if (unit == "kb") {
    scale = 1024.0;
  } else if (unit == "mb") {
    scale = 1024.0 * 1024;
  } else if (unit == "gb") {
    scale = 1024.0 * 1024 * 1024;
  } else if (unit == "tb") {
    scale = 1024.0 * 1024 * 1024 * 1024;
  } else if (unit == "pb") {
    scale = 1024.0 * 1024 * 1024 * 1024 * 1024;
  } else {
    refuse();
  }
  const double bytes = number * scale;
  if (bytes > static_cast<double>(std::numeric_limits<std::int64_t>::max())) {
    throw DbError(sqlstate::kNumericValueOutOfRange, "bigint out of range");
  }
  return static_cast<std::int64_t>(bytes);
}

MatViewRefreshOptions parse_matview_options(const std::vector<std::pair<std::string, std::string>>& options) {
  MatViewRefreshOptions out;
  apply_matview_options(out, options);
  return out;
}

void reset_matview_options(MatViewRefreshOptions& options, const std::vector<std::string>& names) {
  const MatViewRefreshOptions defaults;
  for (const std::string& given : names) {
    const std::string name = lower(given);
    if (name == "auto_refresh") {
      options.auto_refresh = defaults.auto_refresh;
    } else if (name == "max_cpu_percent") {
      options.max_cpu_percent = defaults.max_cpu_percent;
    } else if (name == "threshold_table_size") {
      options.threshold_table_size = defaults.threshold_table_size;
    } else if (name == "threshold_dml_rate") {
      options.threshold_dml_rate = defaults.threshold_dml_rate;
    } else if (name == "lazy_update") {
      options.lazy_update = defaults.lazy_update;
    } else if (name == "lazy_catchup_window") {
      options.lazy_catchup_window = defaults.lazy_catchup_window;
    } else if (name != "fillfactor") {
      throw DbError(sqlstate::kInvalidParameterValue, "unrecognized parameter \"" + given + "\"");
    }
  }
}

void apply_matview_options(MatViewRefreshOptions& out,
                           const std::vector<std::pair<std::string, std::string>>& changes) {
  for (const auto& [given, value] : changes) {
    const std::string name = lower(given);
    if (name == "auto_refresh") {
      out.auto_refresh = parse_bool(name, value);
    } else if (name == "max_cpu_percent") {
      out.max_cpu_percent = parse_real(name, value, 0.0, 100.0);
      if (out.max_cpu_percent == 0) {
        throw DbError(sqlstate::kInvalidParameterValue, "value " + value + " out of bounds for option \"" + name + "\"")
            .with_detail("Valid values are above \"0\" and at most \"100\".");
      }
    } else if (name == "threshold_table_size") {
      out.threshold_table_size = parse_size_bytes(value);
    } else if (name == "threshold_dml_rate") {
      out.threshold_dml_rate = parse_count(name, value);
    } else if (name == "lazy_update") {
      out.lazy_update = parse_bool(name, value);
    } else if (name == "lazy_catchup_window") {
      out.lazy_catchup_window = parse_window(name, value);
    } else if (name == "fillfactor") {
      parse_real(name, value, 10, 100);
    } else {
      throw DbError(sqlstate::kInvalidParameterValue, "unrecognized parameter \"" + given + "\"");
    }
  }
}

}  // namespace heliosdb::engine
