#include "engine/session/cursors.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

using Direction = ast::FetchStmt::Direction;
constexpr std::int64_t kAll = ast::FetchStmt::kAll;

// -count, where the most negative count means ALL the other way.
std::int64_t negate(std::int64_t count) { return count == std::numeric_limits<std::int64_t>::min() ? kAll : -count; }

}  // namespace

Cursor::Cursor(std::string name, std::string statement, CursorOptions options, std::vector<ResultColumn> columns,
               std::vector<Row> rows, std::int64_t creation_time)
    : name_(std::move(name)),
      statement_(std::move(statement)),
      options_(options),
      columns_(std::move(columns)),
      rows_(std::move(rows)),
      creation_time_(creation_time) {}

void Cursor::require_scroll() const {
  if (!options_.scroll) {
    throw DbError(sqlstate::kObjectNotInPrerequisiteState, "cursor can only scan forward")
        .with_hint("Declare it with SCROLL option to enable backward scan.");
  }
}

std::uint64_t Cursor::forward(std::int64_t count, std::vector<Row>* out) {
  if (count <= 0 || position_ == after_last()) return 0;
  const std::size_t available = rows_.size() - position_;
  const std::size_t passed = std::min(static_cast<std::uint64_t>(count), static_cast<std::uint64_t>(available));
  if (out != nullptr) {
    out->insert(out->end(), rows_.begin() + static_cast<std::ptrdiff_t>(position_),
                rows_.begin() + static_cast<std::ptrdiff_t>(position_ + passed));
  }
  // Running out of rows leaves the cursor after the last one; stopping on
  // the last one leaves it there.
  position_ = passed < static_cast<std::uint64_t>(count) ? after_last() : position_ + passed;
  return passed;
}

std::uint64_t Cursor::backward(std::int64_t count, std::vector<Row>* out) {
  require_scroll();  // even for no rows, as PostgreSQL checks before it looks
  if (count <= 0 || position_ == 0) return 0;
  const std::size_t available = position_ - 1;  // rows before the current position
  const std::size_t passed = std::min(static_cast<std::uint64_t>(count), static_cast<std::uint64_t>(available));
  if (out != nullptr) {
    for (std::size_t i = 0; i < passed; ++i) out->push_back(rows_[position_ - 2 - i]);  // row k is rows_[k - 1]
  }
  position_ = passed < static_cast<std::uint64_t>(count) ? 0 : position_ - passed;
  return passed;
}

std::uint64_t Cursor::refetch(bool forward_direction, std::vector<Row>* out) {
  // MOVE 0 says whether FETCH 0 would return a row, without moving.
  if (out == nullptr) return on_row() ? 1 : 0;
  if (on_row()) {
    backward(1, nullptr);
    return forward(1, out);
  }
  if (!forward_direction) require_scroll();
  return 0;
}

std::uint64_t Cursor::absolute(std::int64_t count, std::vector<Row>* out) {
  if (count > 0) {
    // Just before row `count` (after the last row if there are fewer), then one row forward.
    const auto before = static_cast<std::uint64_t>(count - 1);
    const std::size_t target = before <= rows_.size() ? static_cast<std::size_t>(before) : after_last();
    if (target < position_) require_scroll();
    position_ = target;
    return forward(1, out);
  }
  if (count < 0) {
    // From after the last row, back |count| rows; the last of them is the result.
    forward(kAll, nullptr);
    if (count < -1) backward(negate(count) - 1, nullptr);
    return backward(1, out);
  }
  // ABSOLUTE 0: back before the first row, returning nothing.
  if (position_ != 0) require_scroll();
  position_ = 0;
  return 0;
}

std::uint64_t Cursor::relative(std::int64_t count, std::vector<Row>* out) {
  if (count > 0) {
    if (count > 1) forward(count - 1, nullptr);
    return forward(1, out);
  }
  if (count < 0) {
    if (count < -1) backward(negate(count) - 1, nullptr);
    return backward(1, out);
  }
  return refetch(true, out);
}

std::uint64_t Cursor::fetch(Direction direction, std::int64_t count, std::vector<Row>* out) {
  switch (direction) {
    case Direction::kAbsolute:
      return absolute(count, out);
    case Direction::kRelative:
      return relative(count, out);
    case Direction::kForward:
      if (count < 0) return backward(negate(count), out);
      return count == 0 ? refetch(true, out) : forward(count, out);
    case Direction::kBackward:
      if (count < 0) return forward(negate(count), out);
      if (count == 0) return refetch(false, out);
      // MOVE BACKWARD ALL before the first row is no move at all, even NO SCROLL.
      if (out == nullptr && count == kAll && position_ == 0) return 0;
      return backward(count, out);
  }
  return 0;
}

void CursorStore::declare(Cursor cursor) {
  if (cursors_.contains(cursor.name())) {
    throw DbError(sqlstate::kDuplicateCursor, "cursor \"" + cursor.name() + "\" already exists");
  }
  cursor.serial_ = next_serial_++;
  std::string name = cursor.name();
  cursors_.emplace(std::move(name), std::move(cursor));
}

Cursor& CursorStore::find(const std::string& name) {
  auto it = cursors_.find(name);
  if (it == cursors_.end()) throw DbError(sqlstate::kInvalidCursorName, "cursor \"" + name + "\" does not exist");
  return it->second;
}

const Cursor* CursorStore::find_if(const std::string& name) const {
  auto it = cursors_.find(name);
  return it == cursors_.end() ? nullptr : &it->second;
}

void CursorStore::close(const std::string& name) {
  find(name);  // 34000 if there is none
  cursors_.erase(name);
}

void CursorStore::roll_back_to(std::uint64_t mark) {
  std::erase_if(cursors_, [&](const auto& entry) { return !entry.second.held_ && entry.second.serial_ >= mark; });
}

void CursorStore::commit() {
  std::erase_if(cursors_, [](const auto& entry) { return !entry.second.options_.hold; });
  for (auto& [name, cursor] : cursors_) cursor.held_ = true;
}

void CursorStore::roll_back() {
  std::erase_if(cursors_, [](const auto& entry) { return !entry.second.held_; });
}

}  // namespace heliosdb::engine
