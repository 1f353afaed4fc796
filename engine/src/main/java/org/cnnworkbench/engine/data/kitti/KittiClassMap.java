package org.cnnworkbench.engine.data.kitti;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which KITTI types are trained as which class. By default the three evaluated classes, Car, Pedestrian and
 * Cyclist, each as itself; other types (Van, Truck, Person_sitting, Tram, Misc) are left out unless mapped, e.g.
 * {@code Van=Car}. DontCare is never a class: it marks regions the evaluation ignores.
 *
 * <pre>{@code
 * KittiClassMap map = KittiClassMap.parse(List.of("Car", "Pedestrian", "Cyclist"), List.of("Van=Car"));
 * map.classOf("Van");   // Optional[0]
 * }</pre>
 */
public record KittiClassMap(List<String> classes, Map<String, String> aliases) {

    /** The classes of the KITTI object benchmark. */
    public static final List<String> DEFAULT_CLASSES = List.of("Car", "Pedestrian", "Cyclist");

    /** Every type of the KITTI label files, in the devkit's order. */
    public static final List<String> KITTI_TYPES = List.of("Car", "Van", "Truck", "Pedestrian", "Person_sitting",
            "Cyclist", "Tram", "Misc", KittiLabel.DONT_CARE);

    public KittiClassMap {
        classes = List.copyOf(classes);
        aliases = Map.copyOf(aliases);
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("at least one class is needed");
        }
        if (classes.contains(KittiLabel.DONT_CARE)) {
            throw new IllegalArgumentException("DontCare marks ignored regions and cannot be a class");
        }
        for (Map.Entry<String, String> e : aliases.entrySet()) {
            if (!classes.contains(e.getValue())) {
                throw new IllegalArgumentException("mapping " + e.getKey() + "=" + e.getValue() + ": "
                        + e.getValue() + " is not one of the classes " + classes);
            }
            if (classes.contains(e.getKey()) || e.getKey().equals(KittiLabel.DONT_CARE)) {
                throw new IllegalArgumentException("mapping " + e.getKey() + "=" + e.getValue() + ": " + e.getKey()
                        + " is " + (e.getKey().equals(KittiLabel.DONT_CARE) ? "DontCare" : "a class itself"));
            }
        }
    }

    /** Car, Pedestrian, Cyclist, nothing mapped. */
    public static KittiClassMap standard() {
        return new KittiClassMap(DEFAULT_CLASSES, Map.of());
    }

    /** Classes and mappings written as {@code Type=Class}, e.g. {@code Van=Car}. */
    public static KittiClassMap parse(List<String> classes, List<String> mappings) {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String m : mappings) {
            String[] parts = m.split("=", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("mapping '" + m + "': write it as Type=Class, e.g. Van=Car");
            }
            if (aliases.put(parts[0].strip(), parts[1].strip()) != null) {
                throw new IllegalArgumentException("mapping '" + m + "': " + parts[0].strip() + " is mapped twice");
            }
        }
        return new KittiClassMap(new ArrayList<>(classes), aliases);
    }

    /** The class index of a label's type, or empty if it is not trained (DontCare and unmapped types). */
    public Optional<Integer> classOf(String type) {
        int i = classes.indexOf(aliases.getOrDefault(type, type));
        return i < 0 ? Optional.empty() : Optional.of(i);
    }

    /** The class name a type is trained as, if any. */
    public Optional<String> classNameOf(String type) {
        return classOf(type).map(classes::get);
    }
}
