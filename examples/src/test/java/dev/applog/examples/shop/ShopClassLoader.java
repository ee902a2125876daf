package dev.applog.examples.shop;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads the shop's classes from the given place first (a packaged jar, another weaver's output), and
 * everything else (the library, the SDK, the test's classes) from the test's own class loader.
 */
final class ShopClassLoader extends URLClassLoader {

    ShopClassLoader(URL location, ClassLoader parent) {
        super(new URL[] {location}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            if (name.startsWith("dev.applog.examples.shop.") && !name.contains("Test") && !name.endsWith("IT")) {
                Class<?> found = findLoadedClass(name);
                if (found == null) {
                    found = findClass(name);
                }
                return found;
            }
            return super.loadClass(name, resolve);
        }
    }
}
