#include "storage/lmdb_env.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cassert>
#include <cstdlib>
#include <system_error>

#include "storage/storage_error.hpp"
#include "storage/store_cipher.hpp"

namespace heliosdb::storage {

namespace {

constexpr std::array<const char*, kDbCount> kDbNames = {
    "meta", "commits", "commit_times", "commit_txids", "current", "history", "changes", "branches", "branch_names",
};

std::filesystem::path make_temp_dir() {
  // /dev/shm keeps an in-memory database off the disk entirely.
  std::string base = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : std::filesystem::temp_directory_path().string();
  std::string templ = base + "/heliosdb-mem-XXXXXX";
  if (::mkdtemp(templ.data()) == nullptr) {
    throw StorageError(StorageErrc::kIo, fmt::format("could not create temporary directory in {}", base));
  }
  return templ;
}

}  // namespace

void check_mdb(int rc, std::string_view what) {
  if (rc == MDB_SUCCESS) return;
  StorageErrc code = rc == MDB_MAP_FULL ? StorageErrc::kDiskFull : StorageErrc::kIo;
  throw StorageError(code, fmt::format("{}: {}", what, mdb_strerror(rc)));
}

ReadTxn::ReadTxn(ReadTxn&& other) noexcept : env_(other.env_), txn_(other.txn_) {
  other.env_ = nullptr;
  other.txn_ = nullptr;
}

ReadTxn& ReadTxn::operator=(ReadTxn&& other) noexcept {
  if (this != &other) {
    release();
    env_ = other.env_;
    txn_ = other.txn_;
    other.env_ = nullptr;
    other.txn_ = nullptr;
  }
  return *this;
}

void ReadTxn::release() noexcept {
  if (txn_ == nullptr) return;
  env_->reader_done(txn_);
  txn_ = nullptr;
  env_ = nullptr;
}

Cursor::Cursor(const LmdbEnv& env, MDB_txn* txn, Db db) : cipher_(env.cipher()), space_(static_cast<std::uint8_t>(db)) {
  check_mdb(mdb_cursor_open(txn, env.dbi(db), &cursor_), "mdb_cursor_open");
}

bool Cursor::get(MDB_cursor_op op) {
  int rc = mdb_cursor_get(cursor_, &key_, &value_, op);
  if (rc == MDB_NOTFOUND) return false;
  check_mdb(rc, "mdb_cursor_get");
  if (cipher_ != nullptr) {
    slot_ ^= 1;
    key_decoded_ = value_decoded_ = false;
  }
  return true;
}

MDB_val Cursor::coded(std::string_view key) {
  if (cipher_ == nullptr) return to_val(key);
  coded_key_.clear();
  cipher_->keys().encode(coded_key_, space_, key);
  return to_val(coded_key_);
}

std::string_view Cursor::plain_key() const {
  std::string& out = plain_keys_[slot_];
  if (!key_decoded_) {
    if (!cipher_->keys().decode(out, space_, to_view(key_), &key_memo_)) {
      throw StorageError(StorageErrc::kIo, "could not decrypt a stored key: the data is damaged");
    }
    key_decoded_ = true;
  }
  return out;
}

std::string_view Cursor::plain_value() const {
  std::string& out = plain_values_[slot_];
  if (!value_decoded_) {
    if (!cipher_->values().open(out, to_view(value_), to_view(key_))) {
      throw StorageError(StorageErrc::kIo, "could not decrypt a stored value: the data is damaged");
    }
    value_decoded_ = true;
  }
  return out;
}

bool Cursor::seek(std::string_view key) {
  if (key.empty()) return get(MDB_FIRST);  // LMDB rejects a zero-length key
  key_ = coded(key);
  return get(MDB_SET_RANGE);
}

bool Cursor::find(std::string_view key) {
  if (key.empty()) return false;
  key_ = coded(key);
  return get(MDB_SET_KEY);
}

bool Cursor::seek_last_at_or_before(std::string_view key) {
  if (!seek(key)) return get(MDB_LAST);
  if (this->key() == key) return true;
  return get(MDB_PREV);
}

bool Cursor::first() { return get(MDB_FIRST); }
bool Cursor::last() { return get(MDB_LAST); }
bool Cursor::next() { return get(MDB_NEXT); }
bool Cursor::prev() { return get(MDB_PREV); }
void Cursor::del() { check_mdb(mdb_cursor_del(cursor_, 0), "mdb_cursor_del"); }

void Cursor::put(std::string_view key, std::string_view value) {
  MDB_val k = coded(key);
  MDB_val v = to_val(value);
  if (cipher_ != nullptr) {
    sealed_.clear();
    cipher_->values().seal(sealed_, value, to_view(k));
    v = to_val(sealed_);
  }
  check_mdb(mdb_cursor_put(cursor_, &k, &v, 0), "mdb_cursor_put");
}

bool Cursor::append(std::string_view key, std::string_view value) {
  MDB_val k = coded(key);
  MDB_val v = to_val(value);
  if (cipher_ != nullptr) {
    sealed_.clear();
    cipher_->values().seal(sealed_, value, to_view(k));
    v = to_val(sealed_);
  }
  int rc = mdb_cursor_put(cursor_, &k, &v, MDB_APPEND);
  if (rc == MDB_KEYEXIST) return false;
  check_mdb(rc, "mdb_cursor_put");
  return true;
}

std::unique_ptr<LmdbEnv> LmdbEnv::open(const EnvOptions& options) {
  std::unique_ptr<LmdbEnv> env(new LmdbEnv());
  if (options.in_memory) {
    env->path_ = make_temp_dir();
    env->remove_on_close_ = true;
  } else {
    env->path_ = options.path;
    std::error_code ec;
    std::filesystem::create_directories(env->path_, ec);
    if (ec) {
      throw StorageError(StorageErrc::kIo,
                         fmt::format("could not create directory \"{}\": {}", env->path_.string(), ec.message()));
    }
  }
  // The cipher first: a key refused must leave the directory as it was.
  std::error_code size_ec;
  const bool fresh = options.in_memory || std::filesystem::file_size(env->path_ / "data.mdb", size_ec) == 0 || size_ec;
  env->cipher_ = StoreCipher::open(env->path_, options.encryption_key, fresh);
  check_mdb(mdb_env_create(&env->env_), "mdb_env_create");
  check_mdb(mdb_env_set_maxdbs(env->env_, kDbCount), "mdb_env_set_maxdbs");
  check_mdb(mdb_env_set_maxreaders(env->env_, options.max_readers), "mdb_env_set_maxreaders");
  check_mdb(mdb_env_set_mapsize(env->env_, options.initial_map_size), "mdb_env_set_mapsize");

  // MDB_NOTLS: a session's read snapshot may be picked up by any worker thread.
  unsigned flags = MDB_NOTLS | MDB_NORDAHEAD;
  if (options.in_memory || !options.sync) flags |= MDB_NOSYNC | MDB_NOMETASYNC;
  int rc = mdb_env_open(env->env_, env->path_.c_str(), flags, 0600);
  if (rc != MDB_SUCCESS) {
    throw StorageError(StorageErrc::kIo,
                       fmt::format("could not open database \"{}\": {}", env->path_.string(), mdb_strerror(rc)));
  }
  // A map size stored in an existing file may be larger than asked for; keep it.
  MDB_stat stat{};
  check_mdb(mdb_env_stat(env->env_, &stat), "mdb_env_stat");
  env->page_size_ = stat.ms_psize;

  MDB_txn* txn = nullptr;
  check_mdb(mdb_txn_begin(env->env_, nullptr, 0, &txn), "mdb_txn_begin");
  for (std::size_t i = 0; i < kDbCount; ++i) {
    rc = mdb_dbi_open(txn, kDbNames[i], MDB_CREATE, &env->dbis_[i]);
    if (rc != MDB_SUCCESS) {
      mdb_txn_abort(txn);
      check_mdb(rc, "mdb_dbi_open");
    }
  }
  check_mdb(mdb_txn_commit(txn), "mdb_txn_commit");
  return env;
}

LmdbEnv::~LmdbEnv() {
  abort_idle();
  if (env_ != nullptr) mdb_env_close(env_);
  if (remove_on_close_) {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
}

std::optional<std::string_view> LmdbEnv::get(MDB_txn* txn, Db db, std::string_view key) const {
  std::string coded;
  MDB_val k = to_val(key);
  if (cipher_ != nullptr) {
    cipher_->keys().encode(coded, static_cast<std::uint8_t>(db), key);
    k = to_val(coded);
  }
  MDB_val v{};
  const int rc = mdb_get(txn, dbi(db), &k, &v);
  if (rc == MDB_NOTFOUND) return std::nullopt;
  check_mdb(rc, "mdb_get");
  if (cipher_ == nullptr) return to_view(v);
  std::string plain;
  if (!cipher_->values().open(plain, to_view(v), coded)) {
    throw StorageError(StorageErrc::kIo, "could not decrypt a stored value: the data is damaged");
  }
  return keep_owned(txn, std::move(plain));
}

void LmdbEnv::put(MDB_txn* txn, Db db, std::string_view key, std::string_view value) const {
  MDB_val k = to_val(key);
  MDB_val v = to_val(value);
  std::string coded;
  std::string sealed;
  if (cipher_ != nullptr) {
    cipher_->keys().encode(coded, static_cast<std::uint8_t>(db), key);
    cipher_->values().seal(sealed, value, coded);
    k = to_val(coded);
    v = to_val(sealed);
  }
  check_mdb(mdb_put(txn, dbi(db), &k, &v, 0), "mdb_put");
}

bool LmdbEnv::del(MDB_txn* txn, Db db, std::string_view key) const {
  MDB_val k = to_val(key);
  std::string coded;
  if (cipher_ != nullptr) {
    cipher_->keys().encode(coded, static_cast<std::uint8_t>(db), key);
    k = to_val(coded);
  }
  const int rc = mdb_del(txn, dbi(db), &k, nullptr);
  if (rc == MDB_NOTFOUND) return false;
  check_mdb(rc, "mdb_del");
  return true;
}

std::string_view LmdbEnv::keep(MDB_txn* txn, std::string_view decoded) const {
  return keep_owned(txn, std::string(decoded));
}

std::string_view LmdbEnv::keep_owned(MDB_txn* txn, std::string&& value) const {
  std::lock_guard lock(decoded_mutex_);
  auto [kept, added] = decoded_.try_emplace(txn);
  if (added) kept_txns_.fetch_add(1, std::memory_order_relaxed);
  return kept->second.emplace_back(std::move(value));
}

void LmdbEnv::txn_done(MDB_txn* txn) const noexcept {
  // Most transactions keep nothing: ending them takes no lock. A transaction
  // only ever keeps values on its own thread, before it ends there.
  if (kept_txns_.load(std::memory_order_relaxed) == 0) return;
  std::lock_guard lock(decoded_mutex_);
  if (decoded_.erase(txn) != 0) kept_txns_.fetch_sub(1, std::memory_order_relaxed);
}

std::size_t LmdbEnv::map_size() const {
  MDB_envinfo info{};
  mdb_env_info(env_, &info);
  return info.me_mapsize;
}

std::size_t LmdbEnv::file_size() const {
  std::error_code ec;
  auto size = std::filesystem::file_size(path_ / "data.mdb", ec);
  return ec ? 0 : static_cast<std::size_t>(size);
}

ReadTxn LmdbEnv::begin_read() {
  for (;;) {
    readers_.fetch_add(1, std::memory_order_seq_cst);
    if (!growing_.load(std::memory_order_seq_cst)) break;
    // A grow is waiting for readers to drain: step back until it is done.
    std::unique_lock lock(gate_mutex_);
    if (readers_.fetch_sub(1, std::memory_order_seq_cst) == 1) gate_cv_.notify_all();
    gate_cv_.wait(lock, [&] { return !growing_.load(); });
  }
  MDB_txn* txn = nullptr;
  for (auto& slot : idle_) {
    if (slot.load(std::memory_order_relaxed) != nullptr && (txn = slot.exchange(nullptr)) != nullptr) break;
  }
  int rc = txn != nullptr ? mdb_txn_renew(txn) : mdb_txn_begin(env_, nullptr, MDB_RDONLY, &txn);
  if (rc != MDB_SUCCESS) {
    if (txn != nullptr) mdb_txn_abort(txn);
    release_reader();
    if (rc == MDB_READERS_FULL) {
      throw StorageError(StorageErrc::kIo, "too many concurrent transactions (max_readers reached)");
    }
    check_mdb(rc, "mdb_txn_begin");
  }
  return ReadTxn(*this, txn);
}

void LmdbEnv::reader_done(MDB_txn* txn) noexcept {
  txn_done(txn);
  mdb_txn_reset(txn);
  bool kept = false;
  if (!growing_.load(std::memory_order_relaxed)) {
    for (auto& slot : idle_) {
      MDB_txn* empty = nullptr;
      if (slot.load(std::memory_order_relaxed) == nullptr && slot.compare_exchange_strong(empty, txn)) {
        kept = true;
        break;
      }
    }
  }
  if (!kept) mdb_txn_abort(txn);
  release_reader();
}

void LmdbEnv::release_reader() noexcept {
  if (readers_.fetch_sub(1, std::memory_order_seq_cst) == 1 && growing_.load(std::memory_order_seq_cst)) {
    std::lock_guard lock(gate_mutex_);
    gate_cv_.notify_all();
  }
}

void LmdbEnv::abort_idle() noexcept {
  for (auto& slot : idle_) {
    if (MDB_txn* txn = slot.exchange(nullptr)) mdb_txn_abort(txn);
  }
}

MDB_txn* LmdbEnv::begin_write() {
  MDB_txn* txn = nullptr;
  check_mdb(mdb_txn_begin(env_, nullptr, 0, &txn), "mdb_txn_begin (write)");
  return txn;
}

void LmdbEnv::grow(std::chrono::milliseconds wait) {
  std::unique_lock lock(gate_mutex_);
  growing_.store(true, std::memory_order_seq_cst);
  bool quiet = gate_cv_.wait_for(lock, wait, [&] { return readers_.load(std::memory_order_seq_cst) == 0; });
  int rc = MDB_SUCCESS;
  std::size_t new_size = map_size() * 2;
  if (quiet) {
    abort_idle();
    rc = mdb_env_set_mapsize(env_, new_size);
  }
  growing_.store(false, std::memory_order_seq_cst);
  gate_cv_.notify_all();
  if (!quiet) {
    throw StorageError(StorageErrc::kDiskFull,
                       "could not extend the database map: transactions stayed open while it was full");
  }
  check_mdb(rc, "mdb_env_set_mapsize");
}

}  // namespace heliosdb::storage
