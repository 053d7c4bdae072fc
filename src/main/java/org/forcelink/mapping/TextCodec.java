package org.forcelink.mapping;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnmappableCharacterException;
import java.util.Arrays;

/**
 * Turns a record's bytes into text in its declared encoding. A UTF-8 byte-order mark overrides the
 * declaration (the exporting tool said so) and is removed; bytes that are not valid in the encoding
 * reject the record rather than being guessed.
 */
final class TextCodec {

    static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private TextCodec() {}

    static boolean hasBom(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1] && bytes[2] == UTF8_BOM[2];
    }

    static String decode(byte[] bytes, Charset declared) {
        boolean bom = hasBom(bytes);
        Charset charset = bom ? StandardCharsets.UTF_8 : declared;
        ByteBuffer buffer = ByteBuffer.wrap(bytes, bom ? 3 : 0, bytes.length - (bom ? 3 : 0));
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buffer).toString();
        } catch (MalformedInputException | UnmappableCharacterException e) {
            int offset = buffer.position();
            throw new Rejection("FL-ENCODING", "", "the record is not valid " + charset.name() + ": byte 0x"
                    + String.format("%02X", bytes[offset] & 0xFF) + " at offset " + offset + " cannot be read");
        } catch (CharacterCodingException e) {
            throw new Rejection("FL-ENCODING", "", "the record is not valid " + charset.name());
        }
    }

    /** The record bytes with the file's byte-order mark in front, so the record is read as its file was. */
    static byte[] withBom(boolean bom, byte[] bytes) {
        if (!bom) {
            return bytes;
        }
        byte[] out = Arrays.copyOf(UTF8_BOM, 3 + bytes.length);
        System.arraycopy(bytes, 0, out, 3, bytes.length);
        return out;
    }
}
