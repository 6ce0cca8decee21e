package bloom.cuda;

import bloom.flame.render.Renderer;
import bloom.flame.render.RendererProvider;

/** Registers the CUDA renderer as the backend "cuda". */
public final class CudaRendererProvider implements RendererProvider {

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public Availability probe() {
        CudaDevice.Probe p = CudaDevice.probe();
        return new Availability(p.available(), p.available() ? p.device().orElseThrow().toString() : p.reason());
    }

    @Override
    public Renderer open() {
        return CudaRenderer.open();
    }
}
