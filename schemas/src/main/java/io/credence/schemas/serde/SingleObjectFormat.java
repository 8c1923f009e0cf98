package io.credence.schemas.serde;

import org.apache.avro.specific.SpecificRecord;

import java.util.Optional;

/** {@link WireFormat#singleObject()}: each codec's own single-object encoding, whatever the topic. */
final class SingleObjectFormat implements WireFormat {

    static final SingleObjectFormat INSTANCE = new SingleObjectFormat();

    private SingleObjectFormat() {}

    @Override
    public <T extends SpecificRecord> byte[] encode(String topic, AvroCodec<T> codec, T record) {
        return codec.encode(record);
    }

    @Override
    public <T extends SpecificRecord> T decode(String topic, AvroCodec<T> codec, byte[] payload) throws DecodeException {
        return codec.decode(payload);
    }

    @Override
    public Optional<Class<? extends SpecificRecord>> typeOf(byte[] payload) throws DecodeException {
        return SchemaFingerprint.typeOf(payload);
    }

    @Override
    public String describe() {
        return "single-object";
    }
}
