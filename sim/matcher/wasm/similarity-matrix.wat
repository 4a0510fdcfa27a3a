;; The hot loop of MCC 1:1 comparison (sim/matcher/mcc/local-similarity.ts and lss-r.ts), in
;; WebAssembly for its i64.popcnt (JavaScript has no popcount instruction). Two exports:
;;
;;   gamma  -- the local similarity matrix Gamma of two bit-cylinder sets: for every cylinder pair whose
;;            centre directions differ by at most delta-theta, the bit counts of (masked) cells, then
;;            lambda = 1 - sqrt diff / (sqrt countA + sqrt countB) when enough cells are valid in both; also the list
;;            of non-zero cells and their histogram over LSS's 1,024 buckets, for `select`.
;;   select -- LSS's pair selection: non-zero cells by decreasing bucket (a stable counting sort, so
;;            ties keep cell order), then greedily the best pairs that reuse no minutia.
;;
;; Both reproduce the JavaScript reference bit for bit (same integer counts, same float64
;; operations in the same order, lambda rounded to float32 as the reference's Float32Array does), which
;; sim/matcher/wasm/similarity-kernel.test.ts checks on random cylinders and pinned-scores.test.ts on
;; real templates. Memory is laid out by similarity-kernel.ts; every offset below is a byte offset.
;; Assemble with `npm run build:wasm` (sim/matcher/wasm/build-wasm.ts), never by hand.
;; Set by `gamma` for the pair functions: the two cylinder sets (byte offsets) and their shape.
(module
  (memory (export "memory") 1)
  (global $bitsA (mut i32) (i32.const 0))
  (global $maskA (mut i32) (i32.const 0))
  (global $spA (mut i32) (i32.const 0))
  (global $cntA (mut i32) (i32.const 0))
  (global $mcntA (mut i32) (i32.const 0))
  (global $bitsB (mut i32) (i32.const 0))
  (global $maskB (mut i32) (i32.const 0))
  (global $spB (mut i32) (i32.const 0))
  (global $cntB (mut i32) (i32.const 0))
  (global $mcntB (mut i32) (i32.const 0))
  (global $stride (mut i32) (i32.const 0))
  (global $spStride (mut i32) (i32.const 0))
  (global $nd (mut i32) (i32.const 0))
  (global $minCommon (mut f64) (f64.const 0))

  ;; Both cylinders cover their whole disc: only the differing bits need counting. Bit strings are
  ;; whole 16-byte blocks (bit-cylinder.ts pads them), read two i64 a step.
  (func $bothComplete (param $i i32) (param $j i32) (result f64)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $pa i32) (local $pb i32) (local $end i32) (local $z i64)
    (local.set $pa (i32.add (global.get $bitsA) (i32.mul (local.get $i) (global.get $stride))))
    (local.set $pb (i32.add (global.get $bitsB) (i32.mul (local.get $j) (global.get $stride))))
    (local.set $end (i32.add (local.get $pa) (global.get $stride)))
    (loop $next
      (local.set $z (i64.add (i64.add (local.get $z)
        (i64.popcnt (i64.xor (i64.load (local.get $pa)) (i64.load (local.get $pb)))))
        (i64.popcnt (i64.xor (i64.load offset=8 (local.get $pa)) (i64.load offset=8 (local.get $pb))))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
      (br_if $next (i32.lt_u (local.get $pa) (local.get $end))))
    (local.set $c0 (i32.load16_u (i32.add (global.get $mcntA) (i32.shl (local.get $i) (i32.const 1)))))
    (local.set $c1 (i32.load16_u (i32.add (global.get $cntA) (i32.shl (local.get $i) (i32.const 1)))))
    (local.set $c2 (i32.load16_u (i32.add (global.get $cntB) (i32.shl (local.get $j) (i32.const 1)))))
    (local.set $c3 (i32.wrap_i64 (local.get $z)))
    ;; lambda = 1 - sqrt(c3) / (sqrt(c1) + sqrt(c2)) when at least minME cells are valid in both and
    ;; either cylinder has a set cell; else 0 (the float64 operations of local-similarity.ts)
    (if (result f64)
      (i32.and
        (f64.ge (f64.convert_i32_u (local.get $c0)) (global.get $minCommon))
        (i32.gt_u (i32.add (local.get $c1) (local.get $c2)) (i32.const 0)))
      (then
        (f64.sub (f64.const 1)
          (f64.div (f64.sqrt (f64.convert_i32_u (local.get $c3)))
            (f64.add (f64.sqrt (f64.convert_i32_u (local.get $c1)))
                     (f64.sqrt (f64.convert_i32_u (local.get $c2)))))))
      (else (f64.const 0))))

  ;; One cylinder (full) covers its disc, the other (part) does not: part's mask is the common area
  ;; and part's counts stand. Returns (popcount(full & partMask), popcount((full & partMask) ^ part)).
  (func $halfCounts (param $pf i32) (param $pp i32) (param $pm i32) (result i64 i64)
    (local $end i32) (local $x i64) (local $z i64) (local $w i64) (local $v i64)
    (local.set $end (i32.add (local.get $pf) (global.get $stride)))
    (loop $next
      (local.set $w (i64.and (i64.load (local.get $pf)) (i64.load (local.get $pm))))
      (local.set $v (i64.and (i64.load offset=8 (local.get $pf)) (i64.load offset=8 (local.get $pm))))
      (local.set $x (i64.add (i64.add (local.get $x) (i64.popcnt (local.get $w))) (i64.popcnt (local.get $v))))
      (local.set $z (i64.add (i64.add (local.get $z)
        (i64.popcnt (i64.xor (local.get $w) (i64.load (local.get $pp)))))
        (i64.popcnt (i64.xor (local.get $v) (i64.load offset=8 (local.get $pp))))))
      (local.set $pf (i32.add (local.get $pf) (i32.const 16)))
      (local.set $pp (i32.add (local.get $pp) (i32.const 16)))
      (local.set $pm (i32.add (local.get $pm) (i32.const 16)))
      (br_if $next (i32.lt_u (local.get $pf) (local.get $end))))
    (local.get $x)
    (local.get $z))

  ;; A covers its disc, B does not.
  (func $completeA (param $i i32) (param $j i32) (result f64)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $ob i32) (local $x i64) (local $z i64)
    (local.set $c0 (i32.load16_u (i32.add (global.get $mcntB) (i32.shl (local.get $j) (i32.const 1)))))
    (if (f64.lt (f64.convert_i32_u (local.get $c0)) (global.get $minCommon))
      (then (return (f64.const 0))))
    (local.set $ob (i32.mul (local.get $j) (global.get $stride)))
    (call $halfCounts
      (i32.add (global.get $bitsA) (i32.mul (local.get $i) (global.get $stride)))
      (i32.add (global.get $bitsB) (local.get $ob))
      (i32.add (global.get $maskB) (local.get $ob)))
    (local.set $z)
    (local.set $x)
    (local.set $c0 (local.get $c0))
    (local.set $c1 (i32.wrap_i64 (local.get $x)))
    (local.set $c2 (i32.load16_u (i32.add (global.get $cntB) (i32.shl (local.get $j) (i32.const 1)))))
    (local.set $c3 (i32.wrap_i64 (local.get $z)))
    ;; lambda = 1 - sqrt(c3) / (sqrt(c1) + sqrt(c2)) when at least minME cells are valid in both and
    ;; either cylinder has a set cell; else 0 (the float64 operations of local-similarity.ts)
    (if (result f64)
      (i32.and
        (f64.ge (f64.convert_i32_u (local.get $c0)) (global.get $minCommon))
        (i32.gt_u (i32.add (local.get $c1) (local.get $c2)) (i32.const 0)))
      (then
        (f64.sub (f64.const 1)
          (f64.div (f64.sqrt (f64.convert_i32_u (local.get $c3)))
            (f64.add (f64.sqrt (f64.convert_i32_u (local.get $c1)))
                     (f64.sqrt (f64.convert_i32_u (local.get $c2)))))))
      (else (f64.const 0))))

  ;; B covers its disc, A does not.
  (func $completeB (param $i i32) (param $j i32) (result f64)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $oa i32) (local $x i64) (local $z i64)
    (local.set $c0 (i32.load16_u (i32.add (global.get $mcntA) (i32.shl (local.get $i) (i32.const 1)))))
    (if (f64.lt (f64.convert_i32_u (local.get $c0)) (global.get $minCommon))
      (then (return (f64.const 0))))
    (local.set $oa (i32.mul (local.get $i) (global.get $stride)))
    (call $halfCounts
      (i32.add (global.get $bitsB) (i32.mul (local.get $j) (global.get $stride)))
      (i32.add (global.get $bitsA) (local.get $oa))
      (i32.add (global.get $maskA) (local.get $oa)))
    (local.set $z)
    (local.set $x)
    (local.set $c0 (local.get $c0))
    (local.set $c1 (i32.load16_u (i32.add (global.get $cntA) (i32.shl (local.get $i) (i32.const 1)))))
    (local.set $c2 (i32.wrap_i64 (local.get $x)))
    (local.set $c3 (i32.wrap_i64 (local.get $z)))
    ;; lambda = 1 - sqrt(c3) / (sqrt(c1) + sqrt(c2)) when at least minME cells are valid in both and
    ;; either cylinder has a set cell; else 0 (the float64 operations of local-similarity.ts)
    (if (result f64)
      (i32.and
        (f64.ge (f64.convert_i32_u (local.get $c0)) (global.get $minCommon))
        (i32.gt_u (i32.add (local.get $c1) (local.get $c2)) (i32.const 0)))
      (then
        (f64.sub (f64.const 1)
          (f64.div (f64.sqrt (f64.convert_i32_u (local.get $c3)))
            (f64.add (f64.sqrt (f64.convert_i32_u (local.get $c1)))
                     (f64.sqrt (f64.convert_i32_u (local.get $c2)))))))
      (else (f64.const 0))))

  ;; Neither covers its disc: the common area from the spatial strings first (a sixth of the words;
  ;; popcount(maskA & maskB) = ND * popcount(spatialA & spatialB)), then bitsA & maskB and
  ;; bitsB & maskA (a cylinder's bits are 0 on its invalid cells, so these are the bits masked by both).
  (func $neither (param $i i32) (param $j i32) (result f64)
    (local $pa i32) (local $pb i32) (local $pm i32) (local $pp i32) (local $end i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $x i64) (local $y i64) (local $z i64) (local $w i64) (local $v i64)
    (local.set $pm (i32.add (global.get $spA) (i32.mul (local.get $i) (global.get $spStride))))
    (local.set $pp (i32.add (global.get $spB) (i32.mul (local.get $j) (global.get $spStride))))
    (local.set $end (i32.add (local.get $pm) (global.get $spStride)))
    (loop $spatial
      (local.set $x (i64.add (local.get $x)
        (i64.popcnt (i64.and (i64.load (local.get $pm)) (i64.load (local.get $pp))))))
      (local.set $pm (i32.add (local.get $pm) (i32.const 8)))
      (local.set $pp (i32.add (local.get $pp) (i32.const 8)))
      (br_if $spatial (i32.lt_u (local.get $pm) (local.get $end))))
    (local.set $c0 (i32.mul (global.get $nd) (i32.wrap_i64 (local.get $x))))
    (if (f64.lt (f64.convert_i32_u (local.get $c0)) (global.get $minCommon))
      (then (return (f64.const 0))))
    (local.set $x (i64.const 0))
    (local.set $pa (i32.add (global.get $bitsA) (i32.mul (local.get $i) (global.get $stride))))
    (local.set $pm (i32.add (global.get $maskA) (i32.mul (local.get $i) (global.get $stride))))
    (local.set $pb (i32.add (global.get $bitsB) (i32.mul (local.get $j) (global.get $stride))))
    (local.set $pp (i32.add (global.get $maskB) (i32.mul (local.get $j) (global.get $stride))))
    (local.set $end (i32.add (local.get $pa) (global.get $stride)))
    (loop $next
      (local.set $w (i64.and (i64.load (local.get $pa)) (i64.load (local.get $pp))))
      (local.set $v (i64.and (i64.load (local.get $pb)) (i64.load (local.get $pm))))
      (local.set $x (i64.add (local.get $x) (i64.popcnt (local.get $w))))
      (local.set $y (i64.add (local.get $y) (i64.popcnt (local.get $v))))
      (local.set $z (i64.add (local.get $z) (i64.popcnt (i64.xor (local.get $w) (local.get $v)))))
      (local.set $w (i64.and (i64.load offset=8 (local.get $pa)) (i64.load offset=8 (local.get $pp))))
      (local.set $v (i64.and (i64.load offset=8 (local.get $pb)) (i64.load offset=8 (local.get $pm))))
      (local.set $x (i64.add (local.get $x) (i64.popcnt (local.get $w))))
      (local.set $y (i64.add (local.get $y) (i64.popcnt (local.get $v))))
      (local.set $z (i64.add (local.get $z) (i64.popcnt (i64.xor (local.get $w) (local.get $v)))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
      (local.set $pm (i32.add (local.get $pm) (i32.const 16)))
      (local.set $pp (i32.add (local.get $pp) (i32.const 16)))
      (br_if $next (i32.lt_u (local.get $pa) (local.get $end))))
    (local.set $c0 (local.get $c0))
    (local.set $c1 (i32.wrap_i64 (local.get $x)))
    (local.set $c2 (i32.wrap_i64 (local.get $y)))
    (local.set $c3 (i32.wrap_i64 (local.get $z)))
    ;; lambda = 1 - sqrt(c3) / (sqrt(c1) + sqrt(c2)) when at least minME cells are valid in both and
    ;; either cylinder has a set cell; else 0 (the float64 operations of local-similarity.ts)
    (if (result f64)
      (i32.and
        (f64.ge (f64.convert_i32_u (local.get $c0)) (global.get $minCommon))
        (i32.gt_u (i32.add (local.get $c1) (local.get $c2)) (i32.const 0)))
      (then
        (f64.sub (f64.const 1)
          (f64.div (f64.sqrt (f64.convert_i32_u (local.get $c3)))
            (f64.add (f64.sqrt (f64.convert_i32_u (local.get $c1)))
                     (f64.sqrt (f64.convert_i32_u (local.get $c2)))))))
      (else (f64.const 0))))

  ;; Gamma of cylinder sets A (nA cylinders) and B (nB). Per set: bits and mask (cylinder-major,
  ;; `words` 32-bit words a cylinder, a multiple of 4), spatial validity (spWords64 64-bit words a
  ;; cylinder; nd sections per spatial cell), centre angles (f64), popcount of bits and of mask (u16).
  ;; A mask is complete when its count equals `full`. Writes lambda (f32) for every cell of `out`
  ;; (row-major, nA x nB), the indices of the non-zero cells (ascending) to `nz` and their buckets
  ;; to `keys`, counts them in `hist` (1,024 i32); returns how many cells are non-zero. `listC`,
  ;; `listI` and `listAll` (nB i32 each) are scratch.
  ;;
  ;; Each row first lists, without branching, the B cylinders within delta-theta of A's direction,
  ;; complete ones and the others apart, then runs one pair function per list: the kind of pair
  ;; is then known per loop, not guessed per pair by the branch predictor.
  (func (export "gamma")
    (param $pBitsA i32) (param $pMaskA i32) (param $pSpA i32) (param $angA i32) (param $pCntA i32)
    (param $pMcntA i32) (param $nA i32)
    (param $pBitsB i32) (param $pMaskB i32) (param $pSpB i32) (param $angB i32) (param $pCntB i32)
    (param $pMcntB i32) (param $nB i32)
    (param $words i32) (param $spWords64 i32) (param $nd i32) (param $full i32)
    (param $pMinCommon f64) (param $maxTurn f64)
    (param $out i32) (param $nz i32) (param $keys i32) (param $hist i32) (param $listC i32) (param $listI i32)
    (param $listAll i32)
    (result i32)
    (local $i i32) (local $j i32) (local $t i32) (local $kc i32) (local $ki i32) (local $row i32)
    (local $angleA f64) (local $d f64) (local $ok i32) (local $cb i32)
    (local $cells i32) (local $cell i32) (local $l32 f32) (local $pos i32) (local $key i32) (local $p i32)
    (local $count i32) (local $ka i32)
    (global.set $bitsA (local.get $pBitsA))
    (global.set $maskA (local.get $pMaskA))
    (global.set $spA (local.get $pSpA))
    (global.set $cntA (local.get $pCntA))
    (global.set $mcntA (local.get $pMcntA))
    (global.set $bitsB (local.get $pBitsB))
    (global.set $maskB (local.get $pMaskB))
    (global.set $spB (local.get $pSpB))
    (global.set $cntB (local.get $pCntB))
    (global.set $mcntB (local.get $pMcntB))
    (global.set $stride (i32.shl (local.get $words) (i32.const 2)))
    (global.set $spStride (i32.shl (local.get $spWords64) (i32.const 3)))
    (global.set $nd (local.get $nd))
    (global.set $minCommon (local.get $pMinCommon))
    (local.set $cells (i32.mul (local.get $nA) (local.get $nB)))
    (memory.fill (local.get $out) (i32.const 0) (i32.shl (local.get $cells) (i32.const 2)))
    (memory.fill (local.get $hist) (i32.const 0) (i32.const 4096))
    (block $doneA
      (loop $rowA
        (br_if $doneA (i32.ge_u (local.get $i) (local.get $nA)))
        (local.set $angleA (f64.load (i32.add (local.get $angA) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $row (i32.add (local.get $out) (i32.shl (i32.mul (local.get $i) (local.get $nB)) (i32.const 2))))
        (local.set $kc (i32.const 0))
        (local.set $ki (i32.const 0))
        (local.set $ka (i32.const 0))
        (local.set $j (i32.const 0))
        (block $doneList
          (loop $list
            (br_if $doneList (i32.ge_u (local.get $j) (local.get $nB)))
            ;; dPhi(angleA, angleB) in [-pi, pi), as the reference's ternaries compute it
            (local.set $d (f64.sub (local.get $angleA)
              (f64.load (i32.add (local.get $angB) (i32.shl (local.get $j) (i32.const 3))))))
            (local.set $d (select
              (f64.add (local.get $d) (f64.const 0x1.921fb54442d18p+2))
              (select
                (f64.sub (local.get $d) (f64.const 0x1.921fb54442d18p+2))
                (local.get $d)
                (f64.ge (local.get $d) (f64.const 0x1.921fb54442d18p+1)))
              (f64.lt (local.get $d) (f64.const -0x1.921fb54442d18p+1))))
            (local.set $ok (i32.and (f64.le (local.get $d) (local.get $maxTurn))
                                    (f64.ge (local.get $d) (f64.neg (local.get $maxTurn)))))
            (local.set $cb (i32.eq (local.get $full) (i32.load16_u (i32.add (local.get $pMcntB) (i32.shl (local.get $j) (i32.const 1))))))
            (i32.store (i32.add (local.get $listC) (i32.shl (local.get $kc) (i32.const 2))) (local.get $j))
            (i32.store (i32.add (local.get $listI) (i32.shl (local.get $ki) (i32.const 2))) (local.get $j))
            (i32.store (i32.add (local.get $listAll) (i32.shl (local.get $ka) (i32.const 2))) (local.get $j))
            (local.set $ka (i32.add (local.get $ka) (local.get $ok)))
            (local.set $kc (i32.add (local.get $kc) (i32.and (local.get $ok) (local.get $cb))))
            (local.set $ki (i32.add (local.get $ki) (i32.and (local.get $ok) (i32.eqz (local.get $cb)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $list)))
        (if (i32.eq (local.get $full) (i32.load16_u (i32.add (local.get $pMcntA) (i32.shl (local.get $i) (i32.const 1)))))
          (then
            (local.set $t (i32.const 0))
            (block $d1 (loop $l1
              (br_if $d1 (i32.ge_u (local.get $t) (local.get $kc)))
              (local.set $j (i32.load (i32.add (local.get $listC) (i32.shl (local.get $t) (i32.const 2)))))
              (f32.store (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2)))
                (f32.demote_f64 (call $bothComplete (local.get $i) (local.get $j))))
              (local.set $t (i32.add (local.get $t) (i32.const 1)))
              (br $l1)))
            (local.set $t (i32.const 0))
            (block $d2 (loop $l2
              (br_if $d2 (i32.ge_u (local.get $t) (local.get $ki)))
              (local.set $j (i32.load (i32.add (local.get $listI) (i32.shl (local.get $t) (i32.const 2)))))
              (f32.store (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2)))
                (f32.demote_f64 (call $completeA (local.get $i) (local.get $j))))
              (local.set $t (i32.add (local.get $t) (i32.const 1)))
              (br $l2))))
          (else
            (local.set $t (i32.const 0))
            (block $d3 (loop $l3
              (br_if $d3 (i32.ge_u (local.get $t) (local.get $kc)))
              (local.set $j (i32.load (i32.add (local.get $listC) (i32.shl (local.get $t) (i32.const 2)))))
              (f32.store (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2)))
                (f32.demote_f64 (call $completeB (local.get $i) (local.get $j))))
              (local.set $t (i32.add (local.get $t) (i32.const 1)))
              (br $l3)))
            (local.set $t (i32.const 0))
            (block $d4 (loop $l4
              (br_if $d4 (i32.ge_u (local.get $t) (local.get $ki)))
              (local.set $j (i32.load (i32.add (local.get $listI) (i32.shl (local.get $t) (i32.const 2)))))
              (f32.store (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2)))
                (f32.demote_f64 (call $neither (local.get $i) (local.get $j))))
              (local.set $t (i32.add (local.get $t) (i32.const 1)))
              (br $l4)))))
        ;; The row's non-zero cells, ascending, with their bucket 1023 - min(1023, floor(lambda * 1024))
        ;; of the float32 lambda, as lss-r.ts orders cells. (A positive lambda of two integer counts
        ;; is at least ~0.03: never lost to float32.)
        (local.set $t (i32.const 0))
        (block $dz (loop $lz
          (br_if $dz (i32.ge_u (local.get $t) (local.get $ka)))
          (local.set $j (i32.load (i32.add (local.get $listAll) (i32.shl (local.get $t) (i32.const 2)))))
          (local.set $l32 (f32.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2)))))
          (if (f32.gt (local.get $l32) (f32.const 0))
            (then
              (local.set $key (i32.trunc_f64_s (f64.floor (f64.mul (f64.promote_f32 (local.get $l32)) (f64.const 1024)))))
              (local.set $key (i32.sub (i32.const 1023)
                (select (i32.const 1023) (local.get $key) (i32.gt_s (local.get $key) (i32.const 1023)))))
              (local.set $p (i32.add (local.get $hist) (i32.shl (local.get $key) (i32.const 2))))
              (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (i32.const 1)))
              (i32.store (i32.add (local.get $nz) (i32.shl (local.get $count) (i32.const 2)))
                (i32.add (i32.mul (local.get $i) (local.get $nB)) (local.get $j)))
              (i32.store (i32.add (local.get $keys) (i32.shl (local.get $count) (i32.const 2))) (local.get $key))
              (local.set $count (i32.add (local.get $count) (i32.const 1)))))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br $lz)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowA)))
    (local.get $count))

  ;; Up to `limit` pairs from the `count` non-zero cells listed by `gamma`: best bucket first, ties
  ;; in cell order, no row or column twice. Writes (row, column) i32 pairs to `pairs`; `order`
  ;; (count i32) and `used` (nA + nB bytes) are scratch. Returns how many pairs were chosen.
  (func (export "select")
    (param $nz i32) (param $keys i32) (param $count i32) (param $hist i32) (param $order i32)
    (param $used i32) (param $nA i32) (param $nB i32) (param $limit i32) (param $pairs i32)
    (result i32)
    (local $b i32) (local $total i32) (local $n i32) (local $p i32) (local $t i32)
    (local $c i32) (local $i i32) (local $j i32) (local $chosen i32)
    ;; bucket counts -> bucket starts
    (block $doneH
      (loop $nextH
        (br_if $doneH (i32.ge_u (local.get $b) (i32.const 1024)))
        (local.set $p (i32.add (local.get $hist) (i32.shl (local.get $b) (i32.const 2))))
        (local.set $n (i32.load (local.get $p)))
        (i32.store (local.get $p) (local.get $total))
        (local.set $total (i32.add (local.get $total) (local.get $n)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $nextH)))
    ;; stable scatter
    (block $doneS
      (loop $nextS
        (br_if $doneS (i32.ge_u (local.get $t) (local.get $count)))
        (local.set $p (i32.add (local.get $hist)
          (i32.shl (i32.load (i32.add (local.get $keys) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 2))))
        (local.set $n (i32.load (local.get $p)))
        (i32.store (i32.add (local.get $order) (i32.shl (local.get $n) (i32.const 2)))
          (i32.load (i32.add (local.get $nz) (i32.shl (local.get $t) (i32.const 2)))))
        (i32.store (local.get $p) (i32.add (local.get $n) (i32.const 1)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $nextS)))
    (memory.fill (local.get $used) (i32.const 0) (i32.add (local.get $nA) (local.get $nB)))
    (local.set $t (i32.const 0))
    (block $doneG
      (loop $nextG
        (br_if $doneG (i32.ge_u (local.get $t) (local.get $count)))
        (br_if $doneG (i32.ge_u (local.get $chosen) (local.get $limit)))
        (local.set $c (i32.load (i32.add (local.get $order) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $i (i32.div_u (local.get $c) (local.get $nB)))
        (local.set $j (i32.sub (local.get $c) (i32.mul (local.get $i) (local.get $nB))))
        (if (i32.eqz (i32.or
              (i32.load8_u (i32.add (local.get $used) (local.get $i)))
              (i32.load8_u (i32.add (i32.add (local.get $used) (local.get $nA)) (local.get $j)))))
          (then
            (i32.store8 (i32.add (local.get $used) (local.get $i)) (i32.const 1))
            (i32.store8 (i32.add (i32.add (local.get $used) (local.get $nA)) (local.get $j)) (i32.const 1))
            (local.set $p (i32.add (local.get $pairs) (i32.shl (local.get $chosen) (i32.const 3))))
            (i32.store (local.get $p) (local.get $i))
            (i32.store offset=4 (local.get $p) (local.get $j))
            (local.set $chosen (i32.add (local.get $chosen) (i32.const 1)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $nextG)))
    (local.get $chosen))
)
