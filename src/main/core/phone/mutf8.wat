;; Java's modified UTF-8 (see modified-utf8.ts) as WebAssembly: writeUTF's encoding loop and
;; readUTF's decoding loop. `npm run wasm` compiles this file into mutf8-wasm-module.ts; a unit test
;; checks that the two agree.
;;
;; Memory, 5 pages (320 KiB) that never grow:
;;   [0, 196608)       bytes: decode's input, which the caller copies here (a socket chunk, up to
;;                     192 KiB); encode's output (65,535 units make at most 196,605 bytes)
;;   [196608, 327680)  UTF-16LE code units: decode's output, encode's input (65,536 units at most)
;;
;; encode(n) encodes the n code units at 196608 exactly as writeUTF does and returns the number
;; of bytes written at 0: each unit on its own (surrogates included, as three bytes each), U+0000
;; as C0 80. It does not check n; the caller keeps it at 65,535 or less. Eight units that all take
;; three bytes are encoded at once with SIMD (128-bit, in every V8 since 9.1); a module that does
;; not compile leaves the caller with its JS loops.
;;
;; decode(start, end) decodes input bytes [start, end) as one readUTF payload. It returns the
;; number of units written at 196608, or -1 - i when the sequence at input byte i is not one
;; readUTF accepts; the caller then describes the error with the JS decoder. Accepted exactly as
;; Java accepts: 0xxxxxxx, 110xxxxx 10xxxxxx, 1110xxxx 10xxxxxx 10xxxxxx, overlong forms and
;; encoded surrogates included; nothing else.
(module
  (memory (export "memory") 5)
  (func (export "encode") (param $n i32) (result i32)
    (local $i i32) (local $end i32) (local $stop i32) (local $o i32) (local $c i32)
    (local $v v128) (local $a v128) (local $b v128)
    (local.set $i (i32.const 196608))
    (local.set $end (i32.add (i32.const 196608) (i32.shl (local.get $n) (i32.const 1))))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $stop (local.get $end))
        (if (i32.le_u (i32.add (local.get $i) (i32.const 16)) (local.get $end))
          (then
            ;; Eight units at once when all eight take three bytes (CJK text): the lead bytes
            ;; 1110xxxx, the middle 10xxxxxx and the last 10xxxxxx as three i16x8, narrowed to
            ;; bytes and interleaved into 24 bytes by two shuffles.
            (local.set $v (v128.load align=2 (local.get $i)))
            (if (i16x8.all_true (i16x8.ge_u (local.get $v) (v128.const i16x8 0x800 0x800 0x800 0x800 0x800 0x800 0x800 0x800)))
              (then
                ;; $a: lanes 0-7 lead bytes, lanes 8-15 middle bytes; $b: lanes 0-7 last bytes.
                (local.set $a
                  (i8x16.narrow_i16x8_u
                    (v128.or (i16x8.shr_u (local.get $v) (i32.const 12))
                      (v128.const i16x8 0xe0 0xe0 0xe0 0xe0 0xe0 0xe0 0xe0 0xe0))
                    (v128.or
                      (v128.and (i16x8.shr_u (local.get $v) (i32.const 6))
                        (v128.const i16x8 0x3f 0x3f 0x3f 0x3f 0x3f 0x3f 0x3f 0x3f))
                      (v128.const i16x8 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80))))
                (local.set $b
                  (i8x16.narrow_i16x8_u
                    (v128.or
                      (v128.and (local.get $v) (v128.const i16x8 0x3f 0x3f 0x3f 0x3f 0x3f 0x3f 0x3f 0x3f))
                      (v128.const i16x8 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80))
                    (v128.const i16x8 0 0 0 0 0 0 0 0)))
                ;; Output byte j is unit j / 3's lead (lane k), middle (8 + k) or last (16 + k).
                (v128.store align=1 (local.get $o)
                  (i8x16.shuffle 0 8 16 1 9 17 2 10 18 3 11 19 4 12 20 5 (local.get $a) (local.get $b)))
                (v128.store64_lane offset=16 align=1 0 (local.get $o)
                  (i8x16.shuffle 13 21 6 14 22 7 15 23 0 0 0 0 0 0 0 0 (local.get $a) (local.get $b)))
                (local.set $o (i32.add (local.get $o) (i32.const 24)))
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $block)))
            ;; Not all CJK: these eight units one by one, then try eight at once again.
            (local.set $stop (i32.add (local.get $i) (i32.const 16)))))
        (loop $unit
          (local.set $c (i32.load16_u (local.get $i)))
          (local.set $i (i32.add (local.get $i) (i32.const 2)))
          (block $stored
            ;; Three bytes: one little-endian store of 1110xxxx 10xxxxxx 10xxxxxx and a fourth
            ;; byte that the next character overwrites (the last one's lies past the output,
            ;; still below 196608).
            (if (i32.ge_u (local.get $c) (i32.const 0x800))
              (then
                (i32.store align=1 (local.get $o)
                  (i32.or
                    (i32.or (i32.const 0x8080e0) (i32.shr_u (local.get $c) (i32.const 12)))
                    (i32.or
                      (i32.shl (i32.and (local.get $c) (i32.const 0x0fc0)) (i32.const 2))
                      (i32.shl (i32.and (local.get $c) (i32.const 0x3f)) (i32.const 16)))))
                (local.set $o (i32.add (local.get $o) (i32.const 3)))
                (br $stored)))
            ;; One byte for U+0001 to U+007F (c - 1 wraps around for U+0000).
            (if (i32.lt_u (i32.sub (local.get $c) (i32.const 1)) (i32.const 0x7f))
              (then
                (i32.store8 (local.get $o) (local.get $c))
                (local.set $o (i32.add (local.get $o) (i32.const 1)))
                (br $stored)))
            ;; Two bytes, 110xxxxx 10xxxxxx, for U+0080 to U+07FF and for U+0000 (C0 80).
            (i32.store16 align=1 (local.get $o)
              (i32.or
                (i32.or (i32.const 0x80c0) (i32.shr_u (local.get $c) (i32.const 6)))
                (i32.shl (i32.and (local.get $c) (i32.const 0x3f)) (i32.const 8))))
            (local.set $o (i32.add (local.get $o) (i32.const 2))))
          (br_if $unit (i32.lt_u (local.get $i) (local.get $stop))))
        (br $block)))
    (local.get $o))
  (func (export "decode") (param $i i32) (param $end i32) (result i32)
    (local $o i32) (local $c i32) (local $w i32)
    (local.set $o (i32.const 196608))
    (block $stop
      (loop $next
        (br_if $stop (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $i)))
        ;; Three bytes first: CJK text is almost all of them.
        (if (i32.eq (i32.and (local.get $c) (i32.const 0xf0)) (i32.const 0xe0))
          (then
            (br_if $stop (i32.gt_u (i32.add (local.get $i) (i32.const 3)) (local.get $end)))
            ;; The three bytes in one little-endian load: c | c2 << 8 | c3 << 16. The fourth
            ;; byte may lie past `end`, but always inside the memory, and it is masked off.
            (local.set $w (i32.load (local.get $i)))
            (br_if $stop
              (i32.ne (i32.and (local.get $w) (i32.const 0xc0c000)) (i32.const 0x808000)))
            (i32.store16 (local.get $o)
              (i32.or
                (i32.or
                  (i32.shl (i32.and (local.get $c) (i32.const 0x0f)) (i32.const 12))
                  (i32.and (i32.shr_u (local.get $w) (i32.const 2)) (i32.const 0x0fc0)))
                (i32.and (i32.shr_u (local.get $w) (i32.const 16)) (i32.const 0x3f))))
            (local.set $i (i32.add (local.get $i) (i32.const 3)))
            (local.set $o (i32.add (local.get $o) (i32.const 2)))
            (br $next)))
        ;; One byte (a raw zero included, which Java also reads as U+0000).
        (if (i32.lt_u (local.get $c) (i32.const 0x80))
          (then
            (i32.store16 (local.get $o) (local.get $c))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (local.set $o (i32.add (local.get $o) (i32.const 2)))
            (br $next)))
        ;; Two bytes, or nothing readUTF accepts.
        (br_if $stop (i32.ne (i32.and (local.get $c) (i32.const 0xe0)) (i32.const 0xc0)))
        (br_if $stop (i32.gt_u (i32.add (local.get $i) (i32.const 2)) (local.get $end)))
        (local.set $w (i32.load8_u offset=1 (local.get $i)))
        (br_if $stop (i32.ne (i32.and (local.get $w) (i32.const 0xc0)) (i32.const 0x80)))
        (i32.store16 (local.get $o)
          (i32.or
            (i32.shl (i32.and (local.get $c) (i32.const 0x1f)) (i32.const 6))
            (i32.and (local.get $w) (i32.const 0x3f))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (local.set $o (i32.add (local.get $o) (i32.const 2)))
        (br $next)))
    (if (result i32) (i32.lt_u (local.get $i) (local.get $end))
      (then (i32.sub (i32.const -1) (local.get $i)))
      (else (i32.shr_u (i32.sub (local.get $o) (i32.const 196608)) (i32.const 1))))))
