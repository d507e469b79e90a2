<?php
// Signing requests to the Cashier Station API, and checking its callbacks, in plain PHP (>= 7.3,
// no extensions beyond the defaults). See docs/API.md. Use the functions in your backend, or
// try it from the command line:
//
//   STATION_URL=http://127.0.0.1:17800 STATION_API_KEY=cs_... STATION_API_SECRET=... \
//     php examples/sign-request.php POST /api/v1/orders '{"orderNo":"D2001","amount":"35.50"}'
//   php examples/sign-request.php GET '/api/v1/payments/A1001?wait=30'    # long poll

/**
 * The four X-Station-* headers for one request.
 * signature = hex(HMAC-SHA256(secret, METHOD \n target \n timestamp \n nonce \n hex(SHA-256(body))))
 * $target is the path and query exactly as sent; $body the exact bytes sent ('' when none).
 */
function station_headers(string $key, string $secret, string $method, string $target, string $body = '', ?int $timestamp = null, ?string $nonce = null): array
{
    $ts = (string) ($timestamp ?? time());
    // 8-64 of [A-Za-z0-9_-]; never reuse one.
    $nonce = $nonce ?? rtrim(strtr(base64_encode(random_bytes(16)), '+/', '-_'), '=');
    $canonical = implode("\n", [strtoupper($method), $target, $ts, $nonce, hash('sha256', $body)]);
    return [
        'X-Station-Key' => $key,
        'X-Station-Timestamp' => $ts,
        'X-Station-Nonce' => $nonce,
        'X-Station-Signature' => hash_hmac('sha256', $canonical, $secret),
    ];
}

/** Sends one signed request; returns [status, decoded JSON or null, raw body]. */
function station_call(string $url, string $key, string $secret, string $method, string $target, ?string $body = null): array
{
    $headers = station_headers($key, $secret, $method, $target, $body ?? '');
    if ($body !== null) {
        $headers['Content-Type'] = 'application/json';
    }
    $lines = [];
    foreach ($headers as $name => $value) {
        $lines[] = "$name: $value";
    }
    $context = stream_context_create(['http' => [
        'method' => strtoupper($method),
        'header' => implode("\r\n", $lines),
        'content' => $body ?? '',
        'ignore_errors' => true, // 4xx answers carry the error JSON; read it
        'timeout' => 40,         // above the longest long poll (wait=30)
    ]]);
    $raw = @file_get_contents(rtrim($url, '/') . $target, false, $context);
    if ($raw === false) {
        throw new RuntimeException("no answer from $url");
    }
    $status = 0;
    foreach ($http_response_header as $line) {
        if (preg_match('#^HTTP/\S+ (\d{3})#', $line, $m)) {
            $status = (int) $m[1]; // the last status line wins (after any 100 Continue)
        }
    }
    return [$status, json_decode($raw, true), $raw];
}

/**
 * Checks a callback the station POSTed to you (same scheme, same secret). $target is the path
 * and query of your callback URL as received ($_SERVER['REQUEST_URI']); $rawBody the exact bytes
 * (file_get_contents('php://input')). Also refuse timestamps more than 5 minutes off, and
 * eventIds you already processed.
 */
function station_verify_signature(string $secret, string $method, string $target, array $headers, string $rawBody): bool
{
    $h = array_change_key_case($headers, CASE_LOWER);
    $presented = (string) ($h['x-station-signature'] ?? '');
    if (!preg_match('/^[0-9a-f]{64}$/', $presented)) {
        return false;
    }
    $expected = station_headers('', $secret, $method, $target, $rawBody, (int) ($h['x-station-timestamp'] ?? 0), (string) ($h['x-station-nonce'] ?? ''));
    return hash_equals($expected['X-Station-Signature'], $presented);
}

if (PHP_SAPI === 'cli' && realpath($argv[0]) === __FILE__) {
    // `verify`: reads {"secret","method","target","headers","body"} as JSON on stdin, prints true/false.
    if (($argv[1] ?? '') === 'verify') {
        $in = json_decode(stream_get_contents(STDIN), true);
        echo station_verify_signature($in['secret'], $in['method'], $in['target'], $in['headers'], $in['body']) ? "true\n" : "false\n";
        exit(0);
    }
    $url = getenv('STATION_URL') ?: 'http://127.0.0.1:17800';
    $key = getenv('STATION_API_KEY');
    $secret = getenv('STATION_API_SECRET');
    $method = $argv[1] ?? '';
    $target = $argv[2] ?? '';
    if ($method === '' || strpos($target, '/') !== 0 || !$key || !$secret) {
        fwrite(STDERR, "usage: STATION_URL=... STATION_API_KEY=... STATION_API_SECRET=... php examples/sign-request.php METHOD /api/v1/... [JSON body]\n");
        exit(2);
    }
    [$status, $json, $raw] = station_call($url, $key, $secret, $method, $target, $argv[3] ?? null);
    echo "HTTP $status\n";
    echo ($json === null ? $raw : json_encode($json, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES)) . "\n";
    exit($status >= 200 && $status < 300 ? 0 : 1);
}
