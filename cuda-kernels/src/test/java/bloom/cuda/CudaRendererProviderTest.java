package bloom.cuda;

import bloom.flame.render.RendererProvider;
import bloom.flame.render.Renderers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CUDA backend is found through the registry, and its probe agrees with the device's. */
class CudaRendererProviderTest {

    @Test
    void theRegistryFindsTheCudaBackend() {
        RendererProvider cuda = Renderers.find("cuda").orElseThrow(() -> new AssertionError(
                "META-INF/services/bloom.flame.render.RendererProvider does not name the CUDA provider"));
        assertTrue(cuda instanceof CudaRendererProvider);
        RendererProvider.Availability a = cuda.probe();
        CudaDevice.Probe p = CudaDevice.probe();
        assertEquals(p.available(), a.available());
        assertFalse(a.detail().isBlank(), "says which device, or why there is none");
        assertTrue(Renderers.find("no-such-backend").isEmpty());
    }

    @Test
    void providersFoundAheadAreTheServiceLoadersAndStayTheSame() {
        Renderers.findAhead();
        Renderers.findAhead(); // a second call starts nothing more
        List<String> loaded = ServiceLoader.load(RendererProvider.class).stream().map(p -> p.get().name()).toList();
        List<RendererProvider> ahead = Renderers.providers();
        assertEquals(loaded, ahead.stream().map(RendererProvider::name).toList());
        assertTrue(loaded.contains("cuda"));
        assertSame(ahead.get(0), Renderers.providers().get(0), "found once, then handed out");
        assertSame(ahead.get(loaded.indexOf("cuda")), Renderers.find("cuda").orElseThrow());
    }
}
