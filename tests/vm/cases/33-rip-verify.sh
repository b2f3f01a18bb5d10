# discloop verify: expected hashes, checksum lists in GNU and BSD formats,
# OpenPGP-signed lists (detached and clearsigned) checked with gpgv, and
# BLAKE2b lists as b2sum writes them, and the exit codes as cmp(1): 0 match,
# 1 mismatch, 2 could not check (usage, unreadable, unlisted, bad signature,
# unsupported algorithm).
# tier: gate
# timeout: 200
. "$DL_REPO/tests/vm/lib.sh"
cd "$T" || die "no tmp"
export GNUPGHOME=$T/gnupg
mkdir -m 700 "$GNUPGHOME"

head -c 300000 /dev/urandom >disc.iso
sha=$(sha256sum <disc.iso | cut -d' ' -f1)
md5=$(md5sum <disc.iso | cut -d' ' -f1)
sha1=$(sha1sum <disc.iso | cut -d' ' -f1)
sha512=$(sha512sum <disc.iso | cut -d' ' -f1)
crc=$(python3 -c "import zlib; print('%08x' % zlib.crc32(open('disc.iso','rb').read()))")
D=$DISCLOOP

check "--sha256" $D verify -q disc.iso --sha256 "$sha"
check "--sha256 upper case" $D verify -q disc.iso --sha256 "$(echo $sha | tr a-f A-F)"
check "all five at once" $D verify -q disc.iso --md5 $md5 --sha1 $sha1 --sha512 $sha512 --crc32 $crc --sha256 $sha
bad=$(echo $sha | tr 0-9a-f 1-9a-f0)
$D verify disc.iso --sha256 $bad 2>err; expect_eq "wrong sha256" "$?" 1
check "mismatch message" grep -q 'SHA-256 mismatch' err
$D verify disc.iso --md5 $md5 --sha256 $bad 2>/dev/null >/dev/null; expect_eq "one of two wrong" "$?" 1
$D verify disc.iso --sha256 1234 2>/dev/null; expect_eq "malformed hex is usage" "$?" 2
$D verify disc.iso 2>/dev/null; expect_eq "nothing to check is usage" "$?" 2
$D verify 2>/dev/null; expect_eq "no file is usage" "$?" 2
$D verify missing.iso --sha256 $sha 2>/dev/null; expect_eq "missing file" "$?" 2

# -J: one JSON object, valid whatever bytes the file name holds.
odd=$(printf 'n\377.iso')
cp disc.iso "$odd"
$D verify -J "$odd" --sha256 "$sha" --md5 "$(echo $md5 | tr 0-9a-f 1-9a-f0)" >v.json 2>/dev/null; expect_eq "verify -J mismatch exit" "$?" 1
expect_eq "verify -J fields" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["file"] == "n\u00ff.iso", d["match"], [h["match"] for h in d["hashes"]])' v.json)" "True False [True, False]"

# GNU and BSD lists, found by basename.
{ echo "$sha *other/disc.iso"; echo "$bad  another.iso"; } >SHA256SUMS
check "GNU binary-mode line" $D verify -q "$T/disc.iso" --sums SHA256SUMS
{ echo "MD5 (disc.iso) = $md5"; echo "SHA512 (disc.iso) = $sha512"; } >BSD
check "BSD tagged lines" $D verify -q disc.iso --sums BSD
sha256sum --tag disc.iso >TAG
check "sha256sum --tag output" $D verify -q disc.iso --sums TAG
cp disc.iso another.iso
$D verify another.iso --sums SHA256SUMS 2>err; expect_eq "listed with another hash" "$?" 1
cp disc.iso third.iso
$D verify third.iso --sums SHA256SUMS 2>err; expect_eq "not listed" "$?" 2
check "not listed says so" grep -q "no entry for 'third.iso'" err

# BLAKE2b: b2sum's lists (a 128-digit line is not SHA-512 there), its tag,
# and an algorithm that is not implemented is refused, never a mismatch.
b2sum disc.iso >b2sums.txt
check "b2sums.txt" $D verify -q disc.iso --sums b2sums.txt
b2sum --tag disc.iso >B2TAG
check "b2sum --tag" $D verify -q disc.iso --sums B2TAG
check "--blake2b" $D verify -q disc.iso --blake2b "$(cut -d' ' -f1 b2sums.txt)"
$D verify disc.iso --sums b2sums.txt --sha512 $sha512 >/dev/null; expect_eq "b2sums and --sha512" "$?" 0
b2sum -l 256 --tag disc.iso >B2256
$D verify disc.iso --sums B2256 2>err; expect_eq "BLAKE2b-256 refused" "$?" 2
check "unsupported algorithm named" grep -q 'unsupported algorithm BLAKE2b-256' err

# Signed lists.
gpg --batch --passphrase '' --quick-gen-key 'discloop test <t@example.org>' ed25519 sign never \
	>/dev/null 2>&1 || die "gpg key generation"
gpg --batch --export >keys.gpg
gpg --batch --detach-sign -o SHA256SUMS.gpg SHA256SUMS 2>/dev/null || die "sign"
gpg --batch --clearsign -o CLEARSUMS SHA256SUMS 2>/dev/null || die "clearsign"
check "detached signature" $D verify -q disc.iso --sums SHA256SUMS --keyring keys.gpg
check "clearsigned list" $D verify -q disc.iso --sums CLEARSUMS --keyring keys.gpg
cp SHA256SUMS TAMPERED; cp SHA256SUMS.gpg TAMPERED.gpg
echo "$sha  third.iso" >>TAMPERED
$D verify third.iso --sums TAMPERED --keyring keys.gpg 2>err; expect_eq "tampered list" "$?" 2
check "tampered: bad signature reported" grep -q 'bad or unknown OpenPGP signature' err
# text added outside the clearsigned part is not trusted
{ cat CLEARSUMS; echo "$sha  third.iso"; } >CLEAR2
$D verify third.iso --sums CLEAR2 --keyring keys.gpg 2>err; expect_eq "unsigned text after clearsigned" "$?" 2
cp SHA256SUMS NOSIG
$D verify disc.iso --sums NOSIG --keyring keys.gpg 2>err; expect_eq "no signature" "$?" 2
check "no signature says so" grep -q 'no signature found' err
GNUPGHOME=$T/empty gpg --batch --passphrase '' --quick-gen-key 'other <o@example.org>' ed25519 sign never >/dev/null 2>&1
mkdir -m 700 "$T/empty" 2>/dev/null
GNUPGHOME=$T/empty gpg --batch --passphrase '' --quick-gen-key 'other <o@example.org>' ed25519 sign never >/dev/null 2>&1
GNUPGHOME=$T/empty gpg --batch --export >other.gpg
$D verify disc.iso --sums SHA256SUMS --keyring other.gpg 2>/dev/null; expect_eq "unknown key" "$?" 2
$D verify disc.iso --keyring keys.gpg --sha256 $sha 2>/dev/null; expect_eq "--keyring without --sums" "$?" 2
finish
