package org.cnnworkbench.engine.io.prototxt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.model.Node;

/**
 * The input kind's import of Caffe's data layers: {@code Input}, {@code DummyData}, {@code MemoryData} with their
 * shapes, and {@code Data} and {@code ImageData}, whose images' size only their crop (or resize) fixes.
 */
final class CaffeInputLayers {

    private CaffeInputLayers() {
    }

    static Optional<List<Node>> importLayer(CaffeLayer layer, ImportContext context)
            throws SpecFormatException {
        Map<String, Object> params = new LinkedHashMap<>();
        long crop = layer.param("transform_param").integer("crop_size", 0);
        switch (layer.type()) {
            case "Input", "DummyData" -> {
                String block = layer.type().equals("Input") ? "input_param" : "dummy_data_param";
                List<ProtoMessage> shapes = layer.param(block).messages("shape");
                if (shapes.isEmpty()) {
                    return context.decline("its " + block + " gives no shape { dim: ... }");
                }
                List<Long> dims = shapes.get(0).integers("dim");
                if (dims.size() == 4 || dims.size() == 3) {
                    List<Long> chw = dims.subList(dims.size() - 3, dims.size());
                    params.put("channels", chw.get(0));
                    params.put("height", chw.get(1));
                    params.put("width", chw.get(2));
                } else if (dims.size() == 2) {
                    params.put("channels", dims.get(1));
                    params.put("height", 1L);
                    params.put("width", 1L);
                    context.warn(layer, "its shape " + dims + " has no height and width; imported as "
                            + dims.get(1) + "x1x1");
                } else {
                    return context.decline("its shape " + dims + " is not N x C x H x W");
                }
            }
            case "MemoryData" -> {
                ProtoMessage p = layer.param("memory_data_param");
                params.put("channels", p.integer("channels", 0));
                params.put("height", crop > 0 ? crop : p.integer("height", 0));
                params.put("width", crop > 0 ? crop : p.integer("width", 0));
            }
            default -> {
                // Data, ImageData: the images' size is in the database; the crop (or resize) fixes it
                ProtoMessage p = layer.param("image_data_param");
                boolean color = !layer.type().equals("ImageData") || p.bool("is_color", true);
                params.put("channels", color ? 3L : 1L);
                if (layer.type().equals("Data")) {
                    context.warn(layer, "a Data layer reads its channels from its database; 3 (colour images) "
                            + "assumed");
                }
                long height = crop > 0 ? crop : p.integer("new_height", 0);
                long width = crop > 0 ? crop : p.integer("new_width", 0);
                if (height > 0 && width > 0) {
                    params.put("height", height);
                    params.put("width", width);
                } else {
                    context.warn(layer, "it states no crop_size (transform_param), so the input's height and "
                            + "width are unknown: set them on the input node");
                }
            }
        }
        return Optional.of(List.of(Node.of(context.newId(layer), "input", List.of(), params)));
    }
}
