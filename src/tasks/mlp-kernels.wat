;; The MLP's inner loops on WebAssembly SIMD (f64x2): mlp-model.ts's layer
;; forward pass, weight gradient and backward delta, and Adam's update of its
;; weights (optimizers/adam.ts), bit for bit.
;;
;; Every sum a kernel computes adds the same terms in the same order as the
;; scalar TypeScript loops in mlp-model.ts (the lanes hold independent sums:
;; two output units, or two columns j), and wasm's f64 add and mul are IEEE
;; binary64 as JavaScript's are, with no fused multiply-add. So the results
;; are identical, not merely close; test/tasks/mlp-wasm.test.ts checks it.
;;
;; All addresses are byte offsets into the imported memory; a matrix is
;; row-major f64. `npm run build:wasm` compiles this file into
;; mlp-kernels-wasm.ts (wabt's wat2wasm), which is what the build ships.
(module
  (import "env" "memory" (memory 1))

  ;; dst[j·rows + u] = src[u·cols + j]: W (rows × cols) into Wᵀ, so that the
  ;; forward pass reads two or four units' weights for one input j at once.
  (func (export "transpose") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $u i32) (local $j i32) (local $s i32) (local $d i32) (local $step i32)
    (local.set $step (i32.shl (local.get $rows) (i32.const 3)))
    (block $ud (loop $ul
      (br_if $ud (i32.ge_u (local.get $u) (local.get $rows)))
      (local.set $s (i32.add (local.get $src) (i32.shl (i32.mul (local.get $u) (local.get $cols)) (i32.const 3))))
      (local.set $d (i32.add (local.get $dst) (i32.shl (local.get $u) (i32.const 3))))
      (local.set $j (i32.const 0))
      (block $jd (loop $jl
        (br_if $jd (i32.ge_u (local.get $j) (local.get $cols)))
        (f64.store (local.get $d) (f64.load (local.get $s)))
        (local.set $s (i32.add (local.get $s) (i32.const 8)))
        (local.set $d (i32.add (local.get $d) (local.get $step)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jl)))
      (local.set $u (i32.add (local.get $u) (i32.const 1)))
      (br $ul))))

  ;; out[b·nOut + u] = act(bias[u] + Σ_j src[b·nIn + j]·Wᵀ[j·nOut + u]), j in
  ;; order, for b < B; act is max(z, 0) when relu ≠ 0, else the identity (tanh
  ;; is applied by the caller). Blocks of 4 rows × 4, 2, then 1 units, then
  ;; the rows left one at a time.
  (func (export "forward") (param $src i32) (param $B i32) (param $nIn i32) (param $nOut i32)
        (param $wt i32) (param $bias i32) (param $out i32) (param $relu i32)
    (local $b i32) (local $u i32) (local $p i32) (local $end i32) (local $w i32)
    (local $inStride i32) (local $outStride i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $o i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $w0 v128) (local $w1 v128) (local $x v128) (local $zero v128)
    (local $f0 f64) (local $f1 f64) (local $f2 f64) (local $f3 f64) (local $wf f64)
    (local.set $inStride (i32.shl (local.get $nIn) (i32.const 3)))
    (local.set $outStride (i32.shl (local.get $nOut) (i32.const 3)))
    (local.set $end (local.get $inStride))
    (local.set $zero (f64x2.splat (f64.const 0)))
    ;; ---- 4 rows at a time
    (block $bd (loop $bl
      (br_if $bd (i32.gt_u (i32.add (local.get $b) (i32.const 4)) (local.get $B)))
      (local.set $s0 (i32.add (local.get $src) (i32.mul (local.get $b) (local.get $inStride))))
      (local.set $s1 (i32.add (local.get $s0) (local.get $inStride)))
      (local.set $s2 (i32.add (local.get $s1) (local.get $inStride)))
      (local.set $s3 (i32.add (local.get $s2) (local.get $inStride)))
      (local.set $o (i32.add (local.get $out) (i32.mul (local.get $b) (local.get $outStride))))
      (local.set $u (i32.const 0))
      ;; 4 units
      (block $u4d (loop $u4l
        (br_if $u4d (i32.gt_u (i32.add (local.get $u) (i32.const 4)) (local.get $nOut)))
        (local.set $a0 (v128.load (i32.add (local.get $bias) (i32.shl (local.get $u) (i32.const 3)))))
        (local.set $c0 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $u) (i32.const 3)))))
        (local.set $a1 (local.get $a0)) (local.set $a2 (local.get $a0)) (local.set $a3 (local.get $a0))
        (local.set $c1 (local.get $c0)) (local.set $c2 (local.get $c0)) (local.set $c3 (local.get $c0))
        (local.set $w (i32.add (local.get $wt) (i32.shl (local.get $u) (i32.const 3))))
        (local.set $p (i32.const 0))
        (block $jd (loop $jl
          (br_if $jd (i32.ge_u (local.get $p) (local.get $end)))
          (local.set $w0 (v128.load (local.get $w)))
          (local.set $w1 (v128.load offset=16 (local.get $w)))
          (local.set $x (f64x2.splat (f64.load (i32.add (local.get $s0) (local.get $p)))))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $w0) (local.get $x))))
          (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $w1) (local.get $x))))
          (local.set $x (f64x2.splat (f64.load (i32.add (local.get $s1) (local.get $p)))))
          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $w0) (local.get $x))))
          (local.set $c1 (f64x2.add (local.get $c1) (f64x2.mul (local.get $w1) (local.get $x))))
          (local.set $x (f64x2.splat (f64.load (i32.add (local.get $s2) (local.get $p)))))
          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $w0) (local.get $x))))
          (local.set $c2 (f64x2.add (local.get $c2) (f64x2.mul (local.get $w1) (local.get $x))))
          (local.set $x (f64x2.splat (f64.load (i32.add (local.get $s3) (local.get $p)))))
          (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $w0) (local.get $x))))
          (local.set $c3 (f64x2.add (local.get $c3) (f64x2.mul (local.get $w1) (local.get $x))))
          (local.set $w (i32.add (local.get $w) (local.get $outStride)))
          (local.set $p (i32.add (local.get $p) (i32.const 8)))
          (br $jl)))
        (if (local.get $relu) (then
          (local.set $a0 (f64x2.pmax (local.get $zero) (local.get $a0)))
          (local.set $a1 (f64x2.pmax (local.get $zero) (local.get $a1)))
          (local.set $a2 (f64x2.pmax (local.get $zero) (local.get $a2)))
          (local.set $a3 (f64x2.pmax (local.get $zero) (local.get $a3)))
          (local.set $c0 (f64x2.pmax (local.get $zero) (local.get $c0)))
          (local.set $c1 (f64x2.pmax (local.get $zero) (local.get $c1)))
          (local.set $c2 (f64x2.pmax (local.get $zero) (local.get $c2)))
          (local.set $c3 (f64x2.pmax (local.get $zero) (local.get $c3)))))
        (local.set $w (i32.add (local.get $o) (i32.shl (local.get $u) (i32.const 3))))
        (v128.store (local.get $w) (local.get $a0))
        (v128.store offset=16 (local.get $w) (local.get $c0))
        (local.set $w (i32.add (local.get $w) (local.get $outStride)))
        (v128.store (local.get $w) (local.get $a1))
        (v128.store offset=16 (local.get $w) (local.get $c1))
        (local.set $w (i32.add (local.get $w) (local.get $outStride)))
        (v128.store (local.get $w) (local.get $a2))
        (v128.store offset=16 (local.get $w) (local.get $c2))
        (local.set $w (i32.add (local.get $w) (local.get $outStride)))
        (v128.store (local.get $w) (local.get $a3))
        (v128.store offset=16 (local.get $w) (local.get $c3))
        (local.set $u (i32.add (local.get $u) (i32.const 4)))
        (br $u4l)))
      ;; 2 units
      (if (i32.le_u (i32.add (local.get $u) (i32.const 2)) (local.get $nOut)) (then
        (local.set $a0 (v128.load (i32.add (local.get $bias) (i32.shl (local.get $u) (i32.const 3)))))
        (local.set $a1 (local.get $a0)) (local.set $a2 (local.get $a0)) (local.set $a3 (local.get $a0))
        (local.set $w (i32.add (local.get $wt) (i32.shl (local.get $u) (i32.const 3))))
        (local.set $p (i32.const 0))
        (block $jd (loop $jl
          (br_if $jd (i32.ge_u (local.get $p) (local.get $end)))
          (local.set $w0 (v128.load (local.get $w)))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $w0) (f64x2.splat (f64.load (i32.add (local.get $s0) (local.get $p)))))))
          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $w0) (f64x2.splat (f64.load (i32.add (local.get $s1) (local.get $p)))))))
          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $w0) (f64x2.splat (f64.load (i32.add (local.get $s2) (local.get $p)))))))
          (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $w0) (f64x2.splat (f64.load (i32.add (local.get $s3) (local.get $p)))))))
          (local.set $w (i32.add (local.get $w) (local.get $outStride)))
          (local.set $p (i32.add (local.get $p) (i32.const 8)))
          (br $jl)))
        (if (local.get $relu) (then
          (local.set $a0 (f64x2.pmax (local.get $zero) (local.get $a0)))
          (local.set $a1 (f64x2.pmax (local.get $zero) (local.get $a1)))
          (local.set $a2 (f64x2.pmax (local.get $zero) (local.get $a2)))
          (local.set $a3 (f64x2.pmax (local.get $zero) (local.get $a3)))))
        (local.set $w (i32.add (local.get $o) (i32.shl (local.get $u) (i32.const 3))))
        (v128.store (local.get $w) (local.get $a0))
        (local.set $w (i32.add (local.get $w) (local.get $outStride)))
        (v128.store (local.get $w) (local.get $a1))
        (local.set $w (i32.add (local.get $w) (local.get $outStride)))
        (v128.store (local.get $w) (local.get $a2))
        (local.set $w (i32.add (local.get $w) (local.get $outStride)))
        (v128.store (local.get $w) (local.get $a3))
        (local.set $u (i32.add (local.get $u) (i32.const 2)))))
      ;; 1 unit
      (if (i32.lt_u (local.get $u) (local.get $nOut)) (then
        (local.set $f0 (f64.load (i32.add (local.get $bias) (i32.shl (local.get $u) (i32.const 3)))))
        (local.set $f1 (local.get $f0)) (local.set $f2 (local.get $f0)) (local.set $f3 (local.get $f0))
        (local.set $w (i32.add (local.get $wt) (i32.shl (local.get $u) (i32.const 3))))
        (local.set $p (i32.const 0))
        (block $jd (loop $jl
          (br_if $jd (i32.ge_u (local.get $p) (local.get $end)))
          (local.set $wf (f64.load (local.get $w)))
          (local.set $f0 (f64.add (local.get $f0) (f64.mul (local.get $wf) (f64.load (i32.add (local.get $s0) (local.get $p))))))
          (local.set $f1 (f64.add (local.get $f1) (f64.mul (local.get $wf) (f64.load (i32.add (local.get $s1) (local.get $p))))))
          (local.set $f2 (f64.add (local.get $f2) (f64.mul (local.get $wf) (f64.load (i32.add (local.get $s2) (local.get $p))))))
          (local.set $f3 (f64.add (local.get $f3) (f64.mul (local.get $wf) (f64.load (i32.add (local.get $s3) (local.get $p))))))
          (local.set $w (i32.add (local.get $w) (local.get $outStride)))
          (local.set $p (i32.add (local.get $p) (i32.const 8)))
          (br $jl)))
        (if (local.get $relu) (then
          (local.set $f0 (select (local.get $f0) (f64.const 0) (f64.gt (local.get $f0) (f64.const 0))))
          (local.set $f1 (select (local.get $f1) (f64.const 0) (f64.gt (local.get $f1) (f64.const 0))))
          (local.set $f2 (select (local.get $f2) (f64.const 0) (f64.gt (local.get $f2) (f64.const 0))))
          (local.set $f3 (select (local.get $f3) (f64.const 0) (f64.gt (local.get $f3) (f64.const 0))))))
        (local.set $w (i32.add (local.get $o) (i32.shl (local.get $u) (i32.const 3))))
        (f64.store (local.get $w) (local.get $f0))
        (local.set $w (i32.add (local.get $w) (local.get $outStride)))
        (f64.store (local.get $w) (local.get $f1))
        (local.set $w (i32.add (local.get $w) (local.get $outStride)))
        (f64.store (local.get $w) (local.get $f2))
        (local.set $w (i32.add (local.get $w) (local.get $outStride)))
        (f64.store (local.get $w) (local.get $f3))))
      (local.set $b (i32.add (local.get $b) (i32.const 4)))
      (br $bl)))
    ;; ---- the rows left, one at a time: 2 units, then 1
    (block $rd (loop $rl
      (br_if $rd (i32.ge_u (local.get $b) (local.get $B)))
      (local.set $s0 (i32.add (local.get $src) (i32.mul (local.get $b) (local.get $inStride))))
      (local.set $o (i32.add (local.get $out) (i32.mul (local.get $b) (local.get $outStride))))
      (local.set $u (i32.const 0))
      (block $u2d (loop $u2l
        (br_if $u2d (i32.gt_u (i32.add (local.get $u) (i32.const 2)) (local.get $nOut)))
        (local.set $a0 (v128.load (i32.add (local.get $bias) (i32.shl (local.get $u) (i32.const 3)))))
        (local.set $w (i32.add (local.get $wt) (i32.shl (local.get $u) (i32.const 3))))
        (local.set $p (i32.const 0))
        (block $jd (loop $jl
          (br_if $jd (i32.ge_u (local.get $p) (local.get $end)))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $w)) (f64x2.splat (f64.load (i32.add (local.get $s0) (local.get $p)))))))
          (local.set $w (i32.add (local.get $w) (local.get $outStride)))
          (local.set $p (i32.add (local.get $p) (i32.const 8)))
          (br $jl)))
        (if (local.get $relu) (then (local.set $a0 (f64x2.pmax (local.get $zero) (local.get $a0)))))
        (v128.store (i32.add (local.get $o) (i32.shl (local.get $u) (i32.const 3))) (local.get $a0))
        (local.set $u (i32.add (local.get $u) (i32.const 2)))
        (br $u2l)))
      (if (i32.lt_u (local.get $u) (local.get $nOut)) (then
        (local.set $f0 (f64.load (i32.add (local.get $bias) (i32.shl (local.get $u) (i32.const 3)))))
        (local.set $w (i32.add (local.get $wt) (i32.shl (local.get $u) (i32.const 3))))
        (local.set $p (i32.const 0))
        (block $jd (loop $jl
          (br_if $jd (i32.ge_u (local.get $p) (local.get $end)))
          (local.set $f0 (f64.add (local.get $f0) (f64.mul (f64.load (local.get $w)) (f64.load (i32.add (local.get $s0) (local.get $p))))))
          (local.set $w (i32.add (local.get $w) (local.get $outStride)))
          (local.set $p (i32.add (local.get $p) (i32.const 8)))
          (br $jl)))
        (if (local.get $relu) (then (local.set $f0 (select (local.get $f0) (f64.const 0) (f64.gt (local.get $f0) (f64.const 0))))))
        (f64.store (i32.add (local.get $o) (i32.shl (local.get $u) (i32.const 3))) (local.get $f0))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $rl))))

  ;; gw[u·nIn + j] += Σ_b D[b·nOut + u]·src[b·nIn + j] and gb[u] += Σ_b D[b·nOut + u],
  ;; over the rows b (in order) whose delta is not 0 (gathered into nzRow/nzG
  ;; first, as the TypeScript loop does): 4 rows per pass over the weight row,
  ;; then one, two columns j per lane pair and the odd one alone.
  (func (export "weightGrad") (param $src i32) (param $D i32) (param $B i32) (param $nIn i32) (param $nOut i32)
        (param $gw i32) (param $gb i32) (param $nzRow i32) (param $nzG i32)
    (local $u i32) (local $b i32) (local $m i32) (local $k i32) (local $p i32) (local $pairs i32) (local $end i32)
    (local $inStride i32) (local $wr i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $g f64) (local $sum f64) (local $h0 f64) (local $h1 f64) (local $h2 f64) (local $h3 f64)
    (local $g0 v128) (local $g1 v128) (local $g2 v128) (local $g3 v128) (local $acc v128)
    (local.set $inStride (i32.shl (local.get $nIn) (i32.const 3)))
    (local.set $end (local.get $inStride))
    (local.set $pairs (i32.and (local.get $inStride) (i32.const -16)))
    (block $ud (loop $ul
      (br_if $ud (i32.ge_u (local.get $u) (local.get $nOut)))
      ;; the rows with a delta for unit u, and the bias gradient
      (local.set $m (i32.const 0))
      (local.set $sum (f64.load (i32.add (local.get $gb) (i32.shl (local.get $u) (i32.const 3)))))
      (local.set $b (i32.const 0))
      (block $bd (loop $bl
        (br_if $bd (i32.ge_u (local.get $b) (local.get $B)))
        (local.set $g (f64.load (i32.add (local.get $D) (i32.shl (i32.add (i32.mul (local.get $b) (local.get $nOut)) (local.get $u)) (i32.const 3)))))
        ;; Branch-free (the zeros fall at random): the entry is written at m either way and kept when
        ;; g ≠ 0. Adding a g of ±0 to the bias sum changes nothing: it starts at +0 and is never −0.
        (i32.store (i32.add (local.get $nzRow) (i32.shl (local.get $m) (i32.const 2)))
                   (i32.add (local.get $src) (i32.mul (local.get $b) (local.get $inStride))))
        (f64.store (i32.add (local.get $nzG) (i32.shl (local.get $m) (i32.const 3))) (local.get $g))
        (local.set $m (i32.add (local.get $m) (f64.ne (local.get $g) (f64.const 0))))
        (local.set $sum (f64.add (local.get $sum) (local.get $g)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $bl)))
      (f64.store (i32.add (local.get $gb) (i32.shl (local.get $u) (i32.const 3))) (local.get $sum))
      (local.set $wr (i32.add (local.get $gw) (i32.mul (local.get $u) (local.get $inStride))))
      (local.set $k (i32.const 0))
      ;; 4 rows per pass
      (block $kd (loop $kl
        (br_if $kd (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $m)))
        (local.set $s0 (i32.load (i32.add (local.get $nzRow) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $s1 (i32.load offset=4 (i32.add (local.get $nzRow) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $s2 (i32.load offset=8 (i32.add (local.get $nzRow) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $s3 (i32.load offset=12 (i32.add (local.get $nzRow) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $h0 (f64.load (i32.add (local.get $nzG) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $h1 (f64.load offset=8 (i32.add (local.get $nzG) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $h2 (f64.load offset=16 (i32.add (local.get $nzG) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $h3 (f64.load offset=24 (i32.add (local.get $nzG) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $g0 (f64x2.splat (local.get $h0)))
        (local.set $g1 (f64x2.splat (local.get $h1)))
        (local.set $g2 (f64x2.splat (local.get $h2)))
        (local.set $g3 (f64x2.splat (local.get $h3)))
        (local.set $p (i32.const 0))
        (block $jd (loop $jl
          (br_if $jd (i32.ge_u (local.get $p) (local.get $pairs)))
          (local.set $acc (v128.load (i32.add (local.get $wr) (local.get $p))))
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $g0) (v128.load (i32.add (local.get $s0) (local.get $p))))))
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $g1) (v128.load (i32.add (local.get $s1) (local.get $p))))))
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $g2) (v128.load (i32.add (local.get $s2) (local.get $p))))))
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $g3) (v128.load (i32.add (local.get $s3) (local.get $p))))))
          (v128.store (i32.add (local.get $wr) (local.get $p)) (local.get $acc))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br $jl)))
        (if (i32.lt_u (local.get $p) (local.get $end)) (then
          (local.set $sum (f64.load (i32.add (local.get $wr) (local.get $p))))
          (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $h0) (f64.load (i32.add (local.get $s0) (local.get $p))))))
          (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $h1) (f64.load (i32.add (local.get $s1) (local.get $p))))))
          (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $h2) (f64.load (i32.add (local.get $s2) (local.get $p))))))
          (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $h3) (f64.load (i32.add (local.get $s3) (local.get $p))))))
          (f64.store (i32.add (local.get $wr) (local.get $p)) (local.get $sum))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $kl)))
      ;; the rows left, one per pass
      (block $kd (loop $kl
        (br_if $kd (i32.ge_u (local.get $k) (local.get $m)))
        (local.set $s0 (i32.load (i32.add (local.get $nzRow) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $h0 (f64.load (i32.add (local.get $nzG) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $g0 (f64x2.splat (local.get $h0)))
        (local.set $p (i32.const 0))
        (block $jd (loop $jl
          (br_if $jd (i32.ge_u (local.get $p) (local.get $pairs)))
          (v128.store (i32.add (local.get $wr) (local.get $p))
            (f64x2.add (v128.load (i32.add (local.get $wr) (local.get $p)))
                       (f64x2.mul (local.get $g0) (v128.load (i32.add (local.get $s0) (local.get $p))))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br $jl)))
        (if (i32.lt_u (local.get $p) (local.get $end)) (then
          (f64.store (i32.add (local.get $wr) (local.get $p))
            (f64.add (f64.load (i32.add (local.get $wr) (local.get $p)))
                     (f64.mul (local.get $h0) (f64.load (i32.add (local.get $s0) (local.get $p))))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $kl)))
      (local.set $u (i32.add (local.get $u) (i32.const 1)))
      (br $ul))))

  ;; Dl[b·nIn + j] = f′(A[b·nIn + j])·Σ_u D[b·nOut + u]·W[u·nIn + j], u in order
  ;; from 0 (4 weight rows per pass, then one), f′ = [A > 0] for relu (tanh ≠ 0:
  ;; 1 − A², and 0 where that is 0), for b < B.
  (func (export "backDelta") (param $D i32) (param $B i32) (param $nOut i32) (param $W i32) (param $nIn i32)
        (param $A i32) (param $Dl i32) (param $tanh i32)
    (local $b i32) (local $u i32) (local $p i32) (local $pairs i32) (local $end i32) (local $inStride i32)
    (local $o i32) (local $a i32) (local $q i32)
    (local $w0 i32) (local $w1 i32) (local $w2 i32) (local $w3 i32)
    (local $h0 f64) (local $h1 f64) (local $h2 f64) (local $h3 f64) (local $sum f64) (local $av f64) (local $fp f64)
    (local $g0 v128) (local $g1 v128) (local $g2 v128) (local $g3 v128) (local $acc v128) (local $zero v128) (local $fv v128)
    (local.set $inStride (i32.shl (local.get $nIn) (i32.const 3)))
    (local.set $end (local.get $inStride))
    (local.set $pairs (i32.and (local.get $inStride) (i32.const -16)))
    (local.set $zero (f64x2.splat (f64.const 0)))
    (block $bd (loop $bl
      (br_if $bd (i32.ge_u (local.get $b) (local.get $B)))
      (local.set $o (i32.add (local.get $Dl) (i32.mul (local.get $b) (local.get $inStride))))
      (local.set $a (i32.add (local.get $A) (i32.mul (local.get $b) (local.get $inStride))))
      (local.set $q (i32.add (local.get $D) (i32.shl (i32.mul (local.get $b) (local.get $nOut)) (i32.const 3))))
      ;; the row starts at +0, as the TypeScript loop's does
      (local.set $p (i32.const 0))
      (block $zd (loop $zl
        (br_if $zd (i32.ge_u (local.get $p) (local.get $end)))
        (f64.store (i32.add (local.get $o) (local.get $p)) (f64.const 0))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $zl)))
      (local.set $u (i32.const 0))
      (block $ud (loop $ul
        (br_if $ud (i32.gt_u (i32.add (local.get $u) (i32.const 4)) (local.get $nOut)))
        (local.set $h0 (f64.load (i32.add (local.get $q) (i32.shl (local.get $u) (i32.const 3)))))
        (local.set $h1 (f64.load offset=8 (i32.add (local.get $q) (i32.shl (local.get $u) (i32.const 3)))))
        (local.set $h2 (f64.load offset=16 (i32.add (local.get $q) (i32.shl (local.get $u) (i32.const 3)))))
        (local.set $h3 (f64.load offset=24 (i32.add (local.get $q) (i32.shl (local.get $u) (i32.const 3)))))
        (local.set $g0 (f64x2.splat (local.get $h0)))
        (local.set $g1 (f64x2.splat (local.get $h1)))
        (local.set $g2 (f64x2.splat (local.get $h2)))
        (local.set $g3 (f64x2.splat (local.get $h3)))
        (local.set $w0 (i32.add (local.get $W) (i32.mul (local.get $u) (local.get $inStride))))
        (local.set $w1 (i32.add (local.get $w0) (local.get $inStride)))
        (local.set $w2 (i32.add (local.get $w1) (local.get $inStride)))
        (local.set $w3 (i32.add (local.get $w2) (local.get $inStride)))
        (local.set $p (i32.const 0))
        (block $jd (loop $jl
          (br_if $jd (i32.ge_u (local.get $p) (local.get $pairs)))
          (local.set $acc (v128.load (i32.add (local.get $o) (local.get $p))))
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $g0) (v128.load (i32.add (local.get $w0) (local.get $p))))))
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $g1) (v128.load (i32.add (local.get $w1) (local.get $p))))))
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $g2) (v128.load (i32.add (local.get $w2) (local.get $p))))))
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $g3) (v128.load (i32.add (local.get $w3) (local.get $p))))))
          (v128.store (i32.add (local.get $o) (local.get $p)) (local.get $acc))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br $jl)))
        (if (i32.lt_u (local.get $p) (local.get $end)) (then
          (local.set $sum (f64.load (i32.add (local.get $o) (local.get $p))))
          (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $h0) (f64.load (i32.add (local.get $w0) (local.get $p))))))
          (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $h1) (f64.load (i32.add (local.get $w1) (local.get $p))))))
          (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $h2) (f64.load (i32.add (local.get $w2) (local.get $p))))))
          (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $h3) (f64.load (i32.add (local.get $w3) (local.get $p))))))
          (f64.store (i32.add (local.get $o) (local.get $p)) (local.get $sum))))
        (local.set $u (i32.add (local.get $u) (i32.const 4)))
        (br $ul)))
      (block $ud (loop $ul
        (br_if $ud (i32.ge_u (local.get $u) (local.get $nOut)))
        (local.set $h0 (f64.load (i32.add (local.get $q) (i32.shl (local.get $u) (i32.const 3)))))
        (local.set $g0 (f64x2.splat (local.get $h0)))
        (local.set $w0 (i32.add (local.get $W) (i32.mul (local.get $u) (local.get $inStride))))
        (local.set $p (i32.const 0))
        (block $jd (loop $jl
          (br_if $jd (i32.ge_u (local.get $p) (local.get $pairs)))
          (v128.store (i32.add (local.get $o) (local.get $p))
            (f64x2.add (v128.load (i32.add (local.get $o) (local.get $p)))
                       (f64x2.mul (local.get $g0) (v128.load (i32.add (local.get $w0) (local.get $p))))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br $jl)))
        (if (i32.lt_u (local.get $p) (local.get $end)) (then
          (f64.store (i32.add (local.get $o) (local.get $p))
            (f64.add (f64.load (i32.add (local.get $o) (local.get $p)))
                     (f64.mul (local.get $h0) (f64.load (i32.add (local.get $w0) (local.get $p))))))))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br $ul)))
      ;; times f′ of the stored activation; +0 where f′ is 0
      (local.set $p (i32.const 0))
      (block $jd (loop $jl
        (br_if $jd (i32.ge_u (local.get $p) (local.get $pairs)))
        (local.set $acc (v128.load (i32.add (local.get $o) (local.get $p))))
        (local.set $fv (v128.load (i32.add (local.get $a) (local.get $p))))
        (if (local.get $tanh)
          (then
            (local.set $fv (f64x2.sub (f64x2.splat (f64.const 1)) (f64x2.mul (local.get $fv) (local.get $fv))))
            (local.set $acc (v128.and (f64x2.mul (local.get $acc) (local.get $fv)) (f64x2.ne (local.get $fv) (local.get $zero)))))
          (else
            (local.set $acc (v128.and (local.get $acc) (f64x2.gt (local.get $fv) (local.get $zero))))))
        (v128.store (i32.add (local.get $o) (local.get $p)) (local.get $acc))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $jl)))
      (if (i32.lt_u (local.get $p) (local.get $end)) (then
        (local.set $sum (f64.load (i32.add (local.get $o) (local.get $p))))
        (local.set $av (f64.load (i32.add (local.get $a) (local.get $p))))
        (if (local.get $tanh)
          (then
            (local.set $fp (f64.sub (f64.const 1) (f64.mul (local.get $av) (local.get $av))))
            (local.set $sum (select (f64.mul (local.get $sum) (local.get $fp)) (f64.const 0) (f64.ne (local.get $fp) (f64.const 0)))))
          (else
            (local.set $sum (select (local.get $sum) (f64.const 0) (f64.gt (local.get $av) (f64.const 0))))))
        (f64.store (i32.add (local.get $o) (local.get $p)) (local.get $sum))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $bl))))

  ;; Adam's update (optimizers/adam.ts adamUpdate), two params per lane pair,
  ;; in PyTorch's order as the loop has it:
  ;;   m ← β1·m + (1 − β1)·g;  v ← β2·v + ((1 − β2)·g)·g
  ;;   (amsgrad ≠ 0: vmax ← max(vmax, v), read in v's stead below)
  ;;   p ← p − (stepSize·m) / (√v / bc2Sqrt + ε)
  ;; sqrt and div are correctly rounded in wasm as in JavaScript.
  (func (export "adam") (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $vmax i32) (param $amsgrad i32) (param $n i32)
        (param $stepSize f64) (param $beta1 f64) (param $ob1 f64) (param $beta2 f64) (param $ob2 f64) (param $bc2 f64) (param $eps f64)
    (local $o i32) (local $pairs i32) (local $end i32)
    (local $gv v128) (local $mv v128) (local $vv v128) (local $wv v128)
    (local $gf f64) (local $mf f64) (local $vf f64) (local $wf f64)
    (local $B1 v128) (local $OB1 v128) (local $B2 v128) (local $OB2 v128) (local $BC2 v128) (local $EPS v128) (local $SS v128)
    (local.set $B1 (f64x2.splat (local.get $beta1)))
    (local.set $OB1 (f64x2.splat (local.get $ob1)))
    (local.set $B2 (f64x2.splat (local.get $beta2)))
    (local.set $OB2 (f64x2.splat (local.get $ob2)))
    (local.set $BC2 (f64x2.splat (local.get $bc2)))
    (local.set $EPS (f64x2.splat (local.get $eps)))
    (local.set $SS (f64x2.splat (local.get $stepSize)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (local.set $pairs (i32.and (local.get $end) (i32.const -16)))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $o) (local.get $pairs)))
      (local.set $gv (v128.load (i32.add (local.get $g) (local.get $o))))
      (local.set $mv (f64x2.add (f64x2.mul (local.get $B1) (v128.load (i32.add (local.get $m) (local.get $o))))
                                (f64x2.mul (local.get $OB1) (local.get $gv))))
      (local.set $vv (f64x2.add (f64x2.mul (local.get $B2) (v128.load (i32.add (local.get $v) (local.get $o))))
                                (f64x2.mul (f64x2.mul (local.get $OB2) (local.get $gv)) (local.get $gv))))
      (v128.store (i32.add (local.get $m) (local.get $o)) (local.get $mv))
      (v128.store (i32.add (local.get $v) (local.get $o)) (local.get $vv))
      (if (local.get $amsgrad) (then
        ;; max(vmax, v) as the loop takes it: v > vmax ? v : vmax
        (local.set $vv (f64x2.pmax (v128.load (i32.add (local.get $vmax) (local.get $o))) (local.get $vv)))
        (v128.store (i32.add (local.get $vmax) (local.get $o)) (local.get $vv))))
      (local.set $wv (f64x2.add (f64x2.div (f64x2.sqrt (local.get $vv)) (local.get $BC2)) (local.get $EPS)))
      (v128.store (i32.add (local.get $p) (local.get $o))
        (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $o))) (f64x2.div (f64x2.mul (local.get $SS) (local.get $mv)) (local.get $wv))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $l)))
    (if (i32.lt_u (local.get $o) (local.get $end)) (then
      (local.set $gf (f64.load (i32.add (local.get $g) (local.get $o))))
      (local.set $mf (f64.add (f64.mul (local.get $beta1) (f64.load (i32.add (local.get $m) (local.get $o)))) (f64.mul (local.get $ob1) (local.get $gf))))
      (local.set $vf (f64.add (f64.mul (local.get $beta2) (f64.load (i32.add (local.get $v) (local.get $o)))) (f64.mul (f64.mul (local.get $ob2) (local.get $gf)) (local.get $gf))))
      (f64.store (i32.add (local.get $m) (local.get $o)) (local.get $mf))
      (f64.store (i32.add (local.get $v) (local.get $o)) (local.get $vf))
      (if (local.get $amsgrad) (then
        (local.set $wf (f64.load (i32.add (local.get $vmax) (local.get $o))))
        (local.set $vf (select (local.get $vf) (local.get $wf) (f64.gt (local.get $vf) (local.get $wf))))
        (f64.store (i32.add (local.get $vmax) (local.get $o)) (local.get $vf))))
      (f64.store (i32.add (local.get $p) (local.get $o))
        (f64.sub (f64.load (i32.add (local.get $p) (local.get $o)))
                 (f64.div (f64.mul (local.get $stepSize) (local.get $mf)) (f64.add (f64.div (f64.sqrt (local.get $vf)) (local.get $bc2)) (local.get $eps)))))))
  )

  ;; Heavy-ball momentum (optimizers/momentum.ts), two params per lane pair, in the loop's order:
  ;;   v ← μ·v + g;  p ← p − lr·v
  ;;   (nesterov ≠ 0: p ← p − lr·(g + μ·v), with the new v)
  (func (export "momentum") (param $p i32) (param $g i32) (param $v i32) (param $nesterov i32) (param $n i32) (param $mu f64) (param $lr f64)
    (local $o i32) (local $pairs i32) (local $end i32)
    (local $gv v128) (local $vv v128) (local $gf f64) (local $vf f64)
    (local $MU v128) (local $LR v128)
    (local.set $MU (f64x2.splat (local.get $mu)))
    (local.set $LR (f64x2.splat (local.get $lr)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (local.set $pairs (i32.and (local.get $end) (i32.const -16)))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $o) (local.get $pairs)))
      (local.set $gv (v128.load (i32.add (local.get $g) (local.get $o))))
      (local.set $vv (f64x2.add (f64x2.mul (local.get $MU) (v128.load (i32.add (local.get $v) (local.get $o)))) (local.get $gv)))
      (v128.store (i32.add (local.get $v) (local.get $o)) (local.get $vv))
      (if (local.get $nesterov) (then
        (local.set $vv (f64x2.add (local.get $gv) (f64x2.mul (local.get $MU) (local.get $vv))))))
      (v128.store (i32.add (local.get $p) (local.get $o))
        (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $o))) (f64x2.mul (local.get $LR) (local.get $vv))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $l)))
    (if (i32.lt_u (local.get $o) (local.get $end)) (then
      (local.set $gf (f64.load (i32.add (local.get $g) (local.get $o))))
      (local.set $vf (f64.add (f64.mul (local.get $mu) (f64.load (i32.add (local.get $v) (local.get $o)))) (local.get $gf)))
      (f64.store (i32.add (local.get $v) (local.get $o)) (local.get $vf))
      (if (local.get $nesterov) (then
        (local.set $vf (f64.add (local.get $gf) (f64.mul (local.get $mu) (local.get $vf))))))
      (f64.store (i32.add (local.get $p) (local.get $o))
        (f64.sub (f64.load (i32.add (local.get $p) (local.get $o))) (f64.mul (local.get $lr) (local.get $vf))))))
  )
)
