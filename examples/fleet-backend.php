<?php
// The backend side of fleet mode (docs/FLEET.md) in PHP (>= 7.3) with the phpredis extension
// (Debian: apt-get install -y php-redis): add a signed payment to the fleet's stream, wait for
// its signed result, or cancel it.
//
//   REDIS_URL=redis://127.0.0.1:6379 STATION_FLEET_SECRET=... FLEET_PREFIX=cs: \
//     php examples/fleet-backend.php pay A1001 12.50 'https://qr.alipay.com/fkx01?amount=12.50'
//
//   php examples/fleet-backend.php cancel A1001
//
// `pay` prints the final payment JSON (as the station signed it) and exits 0 once a result with a valid signature arrives;
// it exits 1 on a refusal, a bad signature or no final result within FLEET_WAIT_SEC (30), and 2
// on a usage error.

const FLEET_FINAL = ['succeeded', 'failed', 'unknown', 'cancelled', 'expired'];

class FleetFailure extends RuntimeException
{
}

/**
 * ts, nonce and sig for one stream entry: the HTTP scheme of docs/API.md with METHOD = XADD (what
 * the backend adds) or RESULT (what a station publishes) and target = the stream key.
 * sig = hex(HMAC-SHA256(secret, METHOD \n streamKey \n ts \n nonce \n hex(SHA-256(body))))
 */
function fleet_sign_entry(string $secret, string $method, string $streamKey, string $body, ?int $ts = null, ?string $nonce = null): array
{
    $ts = (string) ($ts ?? time());
    // 8-64 of [A-Za-z0-9_-]; never reuse one.
    $nonce = $nonce ?? rtrim(strtr(base64_encode(random_bytes(16)), '+/', '-_'), '=');
    $canonical = implode("\n", [$method, $streamKey, $ts, $nonce, hash('sha256', $body)]);
    return ['ts' => $ts, 'nonce' => $nonce, 'sig' => hash_hmac('sha256', $canonical, $secret)];
}

/** True when a station's entry carries a signature made with the fleet secret over $body. */
function fleet_signature_matches(string $secret, string $method, string $streamKey, array $fields, string $body): bool
{
    $ts = (string) ($fields['ts'] ?? '');
    $nonce = (string) ($fields['nonce'] ?? '');
    $sig = (string) ($fields['sig'] ?? '');
    if (!preg_match('/^\d{1,12}$/', $ts) || !preg_match('/^[A-Za-z0-9_-]{8,64}$/', $nonce) || !preg_match('/^[0-9a-f]{64}$/', $sig)) {
        return false;
    }
    return hash_equals(fleet_sign_entry($secret, $method, $streamKey, $body, (int) $ts, $nonce)['sig'], $sig);
}

/** Connects to redis://[user:pass@]host:port[/db], or rediss:// for TLS. */
function fleet_connect(string $url): Redis
{
    $u = parse_url($url);
    if ($u === false || !in_array($u['scheme'] ?? '', ['redis', 'rediss'], true) || !isset($u['host'])) {
        throw new FleetFailure('REDIS_URL must look like redis://[user:pass@]host:port[/db] (rediss:// for TLS)');
    }
    $redis = new Redis();
    $host = ($u['scheme'] === 'rediss' ? 'tls://' : '') . $u['host'];
    try {
        $redis->connect($host, $u['port'] ?? 6379, 5.0);
    } catch (RedisException $e) {
        throw new FleetFailure("cannot connect to Redis at {$u['host']}:" . ($u['port'] ?? 6379) . ': ' . $e->getMessage());
    }
    if (isset($u['pass'])) {
        $user = urldecode($u['user'] ?? '');
        $pass = urldecode($u['pass']);
        $redis->auth($user === '' ? $pass : [$user, $pass]);
    }
    $db = trim($u['path'] ?? '', '/');
    if ($db !== '') {
        $redis->select((int) $db);
    }
    return $redis;
}

/** XADD <prefix>payments * body <json> ts nonce sig; returns the entry id. */
function fleet_add_payment(Redis $redis, string $secret, string $prefix, array $payment): string
{
    $streamKey = $prefix . 'payments';
    $body = json_encode($payment, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES); // sign exactly what is stored
    $signed = fleet_sign_entry($secret, 'XADD', $streamKey, $body);
    return $redis->xAdd($streamKey, '*', ['body' => $body] + $signed);
}

/** Sets <prefix>cancel:<orderNo> first (so a claim after this loses), then XADDs the signed cancel. */
function fleet_add_cancel(Redis $redis, string $secret, string $prefix, string $orderNo): string
{
    $streamKey = $prefix . 'cancels';
    $redis->set($prefix . 'cancel:' . $orderNo, '1');
    $signed = fleet_sign_entry($secret, 'XADD', $streamKey, $orderNo);
    return $redis->xAdd($streamKey, '*', ['orderNo' => $orderNo] + $signed);
}

/**
 * Reads <prefix>results from the start until a verified final state of $orderNo arrives, and
 * returns [that payment decoded, the exact JSON the station signed]. A real backend keeps its
 * last-read id (or its own consumer group) instead of reading from 0 each time.
 */
function fleet_wait_for_result(Redis $redis, string $secret, string $prefix, string $orderNo, int $waitSec): array
{
    $streamKey = $prefix . 'results';
    $deadline = microtime(true) + $waitSec;
    $lastId = '0';
    // XREAD BLOCK holds the socket up to $waitSec: the read timeout must be longer.
    $redis->setOption(Redis::OPT_READ_TIMEOUT, $waitSec + 5);
    for (;;) {
        $blockMs = (int) (($deadline - microtime(true)) * 1000);
        if ($blockMs <= 0) {
            throw new FleetFailure("no final result for $orderNo on $streamKey within $waitSec s. Is a station running with "
                . "--fleet on this Redis and --fleet-prefix $prefix, with a ready phone? (redis-cli --scan --pattern '{$prefix}station:*')");
        }
        $reply = $redis->xRead([$streamKey => $lastId], 100, max(1, $blockMs));
        foreach ($reply[$streamKey] ?? [] as $id => $fields) {
            $lastId = (string) $id;
            if (($fields['orderNo'] ?? null) !== $orderNo) {
                continue;
            }
            if (isset($fields['error'])) {
                // A refused payment. Whether a station signed it decides how far to trust it.
                $signed = fleet_signature_matches($secret, 'RESULT', $streamKey, $fields, $fields['error']);
                $error = json_decode($fields['error'], true) ?? ['code' => '?', 'message' => $fields['error']];
                throw new FleetFailure("the fleet refused $orderNo (entry $id" . ($signed ? '' : ', signature NOT verified')
                    . "): {$error['code']}: {$error['message']}");
            }
            if (!isset($fields['payment'])) {
                fwrite(STDERR, "skipping entry $id: it has neither payment nor error\n");
                continue;
            }
            if (!fleet_signature_matches($secret, 'RESULT', $streamKey, $fields, $fields['payment'])) {
                throw new FleetFailure("result entry $id for $orderNo has a bad signature: check STATION_FLEET_SECRET is the "
                    . "stations' fleet secret; otherwise something other than a station wrote it");
            }
            $payment = json_decode($fields['payment'], true);
            // orderNo and stationId sit outside the signature: trust only what the signed JSON says.
            if (($payment['orderNo'] ?? null) !== $orderNo) {
                throw new FleetFailure("result entry $id is labelled $orderNo but its signed payment is " . ($payment['orderNo'] ?? '?'));
            }
            if (in_array($payment['status'] ?? '', FLEET_FINAL, true)) {
                return [$payment, $fields['payment']];
            }
            fwrite(STDERR, "$orderNo: {$payment['status']} (station " . ($fields['stationId'] ?? '?') . ")\n");
        }
    }
}

if (PHP_SAPI === 'cli' && realpath($argv[0]) === __FILE__) {
    $mode = $argv[1] ?? '';
    $orderNo = $argv[2] ?? '';
    $amount = $argv[3] ?? '';
    $url = getenv('REDIS_URL');
    $secret = getenv('STATION_FLEET_SECRET');
    $prefix = getenv('FLEET_PREFIX') ?: 'cs:';
    $waitSec = (int) (getenv('FLEET_WAIT_SEC') ?: 30);
    $usable = $mode === 'cancel' || ($mode === 'pay' && preg_match('/^\d{1,7}(\.\d{1,2})?$/', $amount));
    if (!$url || !$secret || !preg_match('/^[A-Za-z0-9_-]{1,64}$/', $orderNo) || !$usable) {
        fwrite(STDERR, "usage: REDIS_URL=redis://... STATION_FLEET_SECRET=... [FLEET_PREFIX=cs:] [FLEET_WAIT_SEC=30] php examples/fleet-backend.php\n"
            . "         pay ORDER_NO AMOUNT [QR_CODE]   (AMOUNT a decimal string such as 12.50)\n"
            . "       | cancel ORDER_NO\n");
        exit(2);
    }
    if (!class_exists('Redis')) {
        fwrite(STDERR, "fleet-backend: the phpredis extension is not loaded: apt-get install -y php-redis\n");
        exit(1);
    }
    try {
        $redis = fleet_connect($url);
        if ($mode === 'cancel') {
            $id = fleet_add_cancel($redis, $secret, $prefix, $orderNo);
            fwrite(STDERR, "cancel for $orderNo added to {$prefix}cancels as $id\n");
            exit(0);
        }
        $payment = ['orderNo' => $orderNo, 'amount' => $amount, 'qrCode' => $argv[4] ?? "https://qr.alipay.com/fkx01?amount=$amount"];
        $id = fleet_add_payment($redis, $secret, $prefix, $payment);
        fwrite(STDERR, "$orderNo added to {$prefix}payments as $id; waiting for its result on {$prefix}results\n");
        [, $json] = fleet_wait_for_result($redis, $secret, $prefix, $orderNo, $waitSec > 0 ? $waitSec : 30);
        echo $json . "\n";
        exit(0);
    } catch (FleetFailure | RedisException $e) {
        fwrite(STDERR, 'fleet-backend: ' . $e->getMessage() . "\n");
        exit(1);
    }
}
