package bloom.cuda;

import bloom.flame.render.ChaosGame;
import bloom.flame.render.CompiledGenome;
import bloom.flame.render.Projection;
import bloom.flame.render.RenderSpec;
import bloom.flame.render.Renderer;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

import java.util.ArrayList;
import java.util.List;

/**
 * The chaos game on an NVIDIA GPU through JCuda (driver API, PTX JIT-compiled by the driver).
 * It takes the same {@link CompiledGenome} as the CPU renderer and returns the same histogram,
 * so density estimation and tone mapping are shared; see {@code flame.cu} for the kernel's
 * organisation. Points persist across launches; a render is a seeding launch, a fuse launch that
 * plots nothing, and launches of {@link #ITERATIONS_PER_LAUNCH} iterations per thread with
 * progress reported between them. One renderer holds one CUDA context; render from one thread
 * at a time.
 */
public final class CudaRenderer extends ChaosGame implements AutoCloseable {

    static final int BLOCK = 256;
    static final int ITERATIONS_PER_LAUNCH = 64;
    /** The histogram's fixed point: 16 fractional bits (see plot() in flame.cu). */
    static final double FIXED_ONE = 65536.0;
    private static final int XF = 16;

    private final CudaDevice device;
    private final String kernel;
    private final int blocksPerMultiprocessor;
    private CUcontext context;
    private CUfunction iterate;
    private CUfunction seedPoints;
    private double lastChaosSeconds;

    /** A renderer on the probed device with the default kernel. */
    public static CudaRenderer open() {
        return open("flame", 4);
    }

    /**
     * A renderer with kernel variant {@code kernel} ("flame", or "flame-min2" for the one
     * compiled for two resident blocks per multiprocessor) and this many blocks per
     * multiprocessor in a launch.
     */
    public static CudaRenderer open(String kernel, int blocksPerMultiprocessor) {
        CudaDevice.Probe p = CudaDevice.probe();
        if (!p.available()) {
            throw new IllegalStateException(p.reason());
        }
        return new CudaRenderer(p.device().orElseThrow(), kernel, blocksPerMultiprocessor);
    }

    private CudaRenderer(CudaDevice device, String kernel, int blocksPerMultiprocessor) {
        this.device = device;
        this.kernel = kernel;
        this.blocksPerMultiprocessor = blocksPerMultiprocessor;
    }

    @Override
    public String describe() {
        return "cuda (" + device.name() + ")";
    }

    private void start() {
        if (context != null) {
            JCudaDriver.cuCtxSetCurrent(context);
            return;
        }
        String ptx = CudaDevice.kernelText("/bloom/cuda/" + kernel + ".ptx")
                .orElseThrow(() -> new IllegalStateException("no CUDA kernel " + kernel + " in this build"));
        CUdevice dev = new CUdevice();
        JCudaDriver.cuDeviceGet(dev, device.ordinal());
        context = new CUcontext();
        JCudaDriver.cuCtxCreate(context, 0, dev);
        CUmodule module = new CUmodule();
        try {
            JCudaDriver.cuModuleLoadData(module, ptx + "\0");
        } catch (jcuda.CudaException e) {
            throw new IllegalStateException("the NVIDIA driver cannot load Bloom's kernel (" + e.getMessage()
                    + "); PTX from CUDA 13 needs driver R580 or newer");
        }
        iterate = new CUfunction();
        JCudaDriver.cuModuleGetFunction(iterate, module, "iterate");
        seedPoints = new CUfunction();
        JCudaDriver.cuModuleGetFunction(seedPoints, module, "seedPoints");
    }

    /** Wall-clock seconds of the last chaos game on the device (upload to download), for benchmarks. */
    public double lastChaosSeconds() {
        return lastChaosSeconds;
    }

    @Override
    protected float[] accumulate(CompiledGenome g, RenderSpec spec, Projection pr, Renderer.Progress progress) {
        start();
        long t0 = System.nanoTime();
        List<CUdeviceptr> owned = new ArrayList<>();
        try {
            int n = g.xformCount() + (g.hasFinal() ? 1 : 0);
            double[] xf = new double[n * XF];
            double[] pre = g.pre(), post = g.post(), blend = g.colourBlend(), keep = g.colourKeep(), op = g.opacity();
            boolean[] hasPost = g.hasPost();
            for (int i = 0; i < n; i++) {
                System.arraycopy(pre, 6 * i, xf, XF * i, 6);
                System.arraycopy(post, 6 * i, xf, XF * i + 6, 6);
                xf[XF * i + 12] = hasPost[i] ? 1 : 0;
                xf[XF * i + 13] = blend[i];
                xf[XF * i + 14] = keep[i];
                xf[XF * i + 15] = op[i];
            }
            var vars = g.termVariation();
            int[] termVar = new int[vars.length];
            for (int k = 0; k < vars.length; k++) {
                termVar[k] = vars[k].id();
            }
            double[] view = {pr.cx(), pr.cy(), pr.cos(), pr.sin(), pr.cellsPerUnit(), pr.offX(), pr.offY(), pr.hw(),
                    pr.hh(), pr.view3d() ? 1 : 0, pr.cosYaw(), pr.sinYaw(), pr.cosPitch(), pr.sinPitch(), pr.persp(),
                    pr.zpos(), pr.dofBlur()};
            CUdeviceptr dXf = upload(owned, Pointer.to(xf), xf.length * 8L);
            CUdeviceptr dStart = upload(owned, Pointer.to(g.termStart()), g.termStart().length * 4L);
            CUdeviceptr dVar = upload(owned, Pointer.to(termVar), Math.max(1, termVar.length) * 4L);
            CUdeviceptr dWeight = upload(owned, Pointer.to(g.termWeight()), Math.max(1, g.termWeight().length) * 8L);
            CUdeviceptr dOffset = upload(owned, Pointer.to(g.termParamOffset()), Math.max(1, g.termParamOffset().length) * 4L);
            CUdeviceptr dParams = upload(owned, Pointer.to(g.params()), Math.max(1, g.params().length) * 8L);
            CUdeviceptr dSel = upload(owned, Pointer.to(g.selection()), g.selection().length * 2L);
            CUdeviceptr dPalette = upload(owned, Pointer.to(g.palette()), g.palette().length * 4L);
            CUdeviceptr dView = upload(owned, Pointer.to(view), view.length * 8L);

            int blocks = Math.max(1, device.multiprocessors() * blocksPerMultiprocessor);
            int threads = blocks * BLOCK;
            CUdeviceptr dPoints = alloc(owned, threads * 32L);
            CUdeviceptr dState = alloc(owned, threads * 4L);
            CUdeviceptr dRng = alloc(owned, threads * 8L);
            long cells = (long) pr.hw() * pr.hh() * 4;
            CUdeviceptr dHist = alloc(owned, cells * 8);
            JCudaDriver.cuMemsetD8(dHist, (byte) 0, cells * 8);

            int fuse = g.genome().sampling().fuse();
            JCudaDriver.cuLaunchKernel(seedPoints, blocks, 1, 1, BLOCK, 1, 1, 0, null,
                    Pointer.to(Pointer.to(dPoints), Pointer.to(dState), Pointer.to(dRng),
                            Pointer.to(new long[] {spec.seed()}), Pointer.to(new int[] {threads}),
                            Pointer.to(new int[] {fuse})), null);
            int[] genomeInts = {g.xformCount(), g.hasFinal() ? 1 : 0, g.hasXaos() ? 1 : 0, g.linearPalette() ? 1 : 0, fuse};
            if (fuse > 0) {
                launch(dXf, dStart, dVar, dWeight, dOffset, dParams, dSel, dPalette, dView, genomeInts,
                        dPoints, dState, dRng, dHist, blocks, fuse, 0);
            }
            long total = spec.iterations();
            long remaining = total;
            while (remaining > 0) {
                int iters;
                long active;
                if (remaining >= (long) threads * ITERATIONS_PER_LAUNCH) {
                    iters = ITERATIONS_PER_LAUNCH;
                    active = threads;
                } else if (remaining >= threads) {
                    iters = (int) (remaining / threads);
                    active = threads;
                } else {
                    iters = 1;
                    active = remaining;
                }
                launch(dXf, dStart, dVar, dWeight, dOffset, dParams, dSel, dPalette, dView, genomeInts,
                        dPoints, dState, dRng, dHist, blocks, iters, active);
                remaining -= active * iters;
                progress.update((total - remaining) / (double) total);
            }
            JCudaDriver.cuCtxSynchronize();
            long[] fixed = new long[Math.toIntExact(cells)];
            JCudaDriver.cuMemcpyDtoH(Pointer.to(fixed), dHist, cells * 8);
            lastChaosSeconds = (System.nanoTime() - t0) / 1e9;
            float[] out = new float[fixed.length];
            for (int i = 0; i < fixed.length; i++) {
                out[i] = (float) (fixed[i] / FIXED_ONE);
            }
            return out;
        } catch (jcuda.CudaException e) {
            throw new IllegalStateException("CUDA render failed on " + device.name() + ": " + e.getMessage(), e);
        } finally {
            for (CUdeviceptr p : owned) {
                JCudaDriver.cuMemFree(p);
            }
        }
    }

    private void launch(CUdeviceptr xf, CUdeviceptr start, CUdeviceptr var, CUdeviceptr weight, CUdeviceptr offset,
                        CUdeviceptr params, CUdeviceptr sel, CUdeviceptr palette, CUdeviceptr view, int[] ints,
                        CUdeviceptr points, CUdeviceptr state, CUdeviceptr rng, CUdeviceptr hist, int blocks,
                        int iterations, long active) {
        Pointer args = Pointer.to(Pointer.to(xf), Pointer.to(start), Pointer.to(var), Pointer.to(weight),
                Pointer.to(offset), Pointer.to(params), Pointer.to(sel), Pointer.to(palette), Pointer.to(view),
                Pointer.to(new int[] {ints[0]}), Pointer.to(new int[] {ints[1]}), Pointer.to(new int[] {ints[2]}),
                Pointer.to(new int[] {ints[3]}), Pointer.to(new int[] {ints[4]}),
                Pointer.to(points), Pointer.to(state), Pointer.to(rng), Pointer.to(hist),
                Pointer.to(new int[] {iterations}), Pointer.to(new long[] {active}));
        JCudaDriver.cuLaunchKernel(iterate, blocks, 1, 1, BLOCK, 1, 1, 0, null, args, null);
    }

    private static CUdeviceptr alloc(List<CUdeviceptr> owned, long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        try {
            JCudaDriver.cuMemAlloc(p, bytes);
        } catch (jcuda.CudaException e) {
            throw new IllegalArgumentException("the GPU has no room for " + bytes / (1 << 20) + " MiB more: "
                    + e.getMessage() + " (try a smaller --size or --oversample)");
        }
        owned.add(p);
        return p;
    }

    private static CUdeviceptr upload(List<CUdeviceptr> owned, Pointer host, long bytes) {
        CUdeviceptr p = alloc(owned, bytes);
        JCudaDriver.cuMemcpyHtoD(p, host, bytes);
        return p;
    }

    @Override
    public void close() {
        if (context != null) {
            JCudaDriver.cuCtxDestroy(context);
            context = null;
        }
    }
}
